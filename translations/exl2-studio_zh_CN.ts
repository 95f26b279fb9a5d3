<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Formatting</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Tokenizing and embedding (measurement)</source>
        <translation>分词与嵌入（测量）</translation>
    </message>
    <message>
        <source>Measuring quantization error</source>
        <translation>测量量化误差</translation>
    </message>
    <message>
        <source>Choosing bits per layer</source>
        <translation>为每层分配位数</translation>
    </message>
    <message>
        <source>Tokenizing calibration data</source>
        <translation>对校准数据分词</translation>
    </message>
    <message>
        <source>Embedding calibration data</source>
        <translation>嵌入校准数据</translation>
    </message>
    <message>
        <source>Quantizing</source>
        <translation>量化中</translation>
    </message>
    <message>
        <source>Writing the EXL2 model</source>
        <translation>写入 EXL2 模型</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Unknown stage</source>
        <translation>未知阶段</translation>
    </message>
</context>
<context>
    <name>JobWorker</name>
    <message>
        <source>The job was stopped. Its folder holds a consistent checkpoint and can be resumed.</source>
        <translation>任务已停止。其文件夹保存了一致的检查点，可以继续。</translation>
    </message>
    <message>
        <source>A setting is not valid: %1</source>
        <translation>某项设置无效：%1</translation>
    </message>
    <message>
        <source>A file could not be read or written: %1</source>
        <translation>无法读取或写入文件：%1</translation>
    </message>
    <message>
        <source>A file is malformed: %1</source>
        <translation>文件格式错误：%1</translation>
    </message>
    <message>
        <source>This input is not supported: %1</source>
        <translation>不支持此输入：%1</translation>
    </message>
    <message>
        <source>The model folder is inconsistent: %1</source>
        <translation>模型文件夹不一致：%1</translation>
    </message>
    <message>
        <source>The computation became unstable: %1</source>
        <translation>计算变得不稳定：%1</translation>
    </message>
    <message>
        <source>Not enough memory or disk space: %1</source>
        <translation>内存或磁盘空间不足：%1</translation>
    </message>
    <message>
        <source>The compute device failed: %1</source>
        <translation>计算设备出错：%1</translation>
    </message>
    <message>
        <source>An internal error occurred (please report it): %1</source>
        <translation>发生内部错误（请报告）：%1</translation>
    </message>
    <message>
        <source>The job ran out of memory. Try fewer calibration rows or a shorter row length.</source>
        <translation>任务内存不足。请减少校准行数或缩短行长度。</translation>
    </message>
    <message>
        <source>An unexpected error occurred: %1</source>
        <translation>发生意外错误：%1</translation>
    </message>
    <message>
        <source>An unexpected error of unknown type occurred.</source>
        <translation>发生未知类型的意外错误。</translation>
    </message>
</context>
<context>
    <name>exl2::AllocationChart</name>
    <message>
        <source>Bits per weight by layer</source>
        <translation>各层每权重位数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>每权重位数</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>exl2::CalibrationPage</name>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>The text the converter runs through the model to see which weights matter. The built-in set mixes prose, code and dialogue; use your own to match your use.</source>
        <translation>转换器将这些文本输入模型，以判断哪些权重更重要。内置数据混合了散文、代码和对话；也可以使用贴合您用途的文本。</translation>
    </message>
    <message>
        <source>&amp;Built-in calibration text</source>
        <translation>内置校准文本(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;From a file (parquet, jsonl or txt):</source>
        <translation>来自文件（parquet、jsonl 或 txt）(&amp;F)：</translation>
    </message>
    <message>
        <source>Calibration file</source>
        <translation>校准文件</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>column / field (default: first text column, "text")</source>
        <translation>列 / 字段（默认：第一个文本列，"text"）</translation>
    </message>
    <message>
        <source>The first rows of the file appear here.</source>
        <translation>文件的前几行显示在这里。</translation>
    </message>
    <message>
        <source>Rows and length</source>
        <translation>行数与长度</translation>
    </message>
    <message>
        <source>Measurement pass:</source>
        <translation>测量阶段：</translation>
    </message>
    <message>
        <source>rows of</source>
        <translation>行，每行</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>个词元</translation>
    </message>
    <message>
        <source>Quantization pass:</source>
        <translation>量化阶段：</translation>
    </message>
    <message>
        <source>Choose calibration text</source>
        <translation>选择校准文本</translation>
    </message>
    <message>
        <source>Calibration text (*.parquet *.jsonl *.txt);;All files (*)</source>
        <translation>校准文本 (*.parquet *.jsonl *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 rows in total; the first %2 rows shown hold %3 tokens.</source>
        <translation>共 %1 行；显示的前 %2 行包含 %3 个词元。</translation>
    </message>
    <message>
        <source>%1 rows in total (tokens are counted once a model is chosen).</source>
        <translation>共 %1 行（选择模型后统计词元数）。</translation>
    </message>
    <message>
        <source>Choose a calibration file, or use the built-in text.</source>
        <translation>请选择校准文件，或使用内置文本。</translation>
    </message>
    <message>
        <source>Rows longer than %1 tokens may need excessive memory.</source>
        <translation>超过 %1 个词元的行可能占用过多内存。</translation>
    </message>
</context>
<context>
    <name>exl2::ConversionWizard</name>
    <message>
        <source>EXL2 Studio — convert a model</source>
        <translation>EXL2 Studio — 转换模型</translation>
    </message>
    <message>
        <source>Dark &amp;theme</source>
        <translation>深色主题(&amp;T)</translation>
    </message>
</context>
<context>
    <name>exl2::ErrorChart</name>
    <message>
        <source>Per-module error</source>
        <translation>各模块误差</translation>
    </message>
    <message>
        <source>Module index</source>
        <translation>模块序号</translation>
    </message>
    <message>
        <source>Relative error (log)</source>
        <translation>相对误差（对数）</translation>
    </message>
    <message>
        <source>Options measured</source>
        <translation>已测量的选项</translation>
    </message>
    <message>
        <source>Quantized module</source>
        <translation>已量化模块</translation>
    </message>
</context>
<context>
    <name>exl2::FinishPage</name>
    <message>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Bits per weight:</source>
        <translation>每权重位数：</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>磁盘占用：</translation>
    </message>
    <message>
        <source>Calibration perplexity:</source>
        <translation>校准困惑度：</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>用时：</translation>
    </message>
    <message>
        <source>&amp;Open output folder</source>
        <translation>打开输出文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Save &amp;charts…</source>
        <translation>保存图表(&amp;C)…</translation>
    </message>
    <message>
        <source>Save chart &amp;data (CSV)…</source>
        <translation>保存图表数据（CSV）(&amp;D)…</translation>
    </message>
    <message>
        <source>Convert &amp;again with these settings</source>
        <translation>用这些设置再次转换(&amp;A)</translation>
    </message>
    <message>
        <source>Save charts</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write the charts to %1.</source>
        <translation>无法将图表写入 %1。</translation>
    </message>
    <message>
        <source>Save chart data</source>
        <translation>保存图表数据</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>The measurement is saved. Reuse it to convert this model to any size without measuring again.</source>
        <translation>测量结果已保存。重复使用它即可将此模型转换为任意大小，无需再次测量。</translation>
    </message>
    <message>
        <source>— (measurement only)</source>
        <translation>—（仅测量）</translation>
    </message>
    <message>
        <source>The EXL2 model is ready to load with exllamav2.</source>
        <translation>EXL2 模型已就绪，可用 exllamav2 加载。</translation>
    </message>
    <message>
        <source>%1 (target %2)</source>
        <translation>%1（目标 %2）</translation>
    </message>
    <message>
        <source>%1 — above %2: the model may be damaged; try more bits</source>
        <translation>%1 — 高于 %2：模型可能受损；请尝试更多位数</translation>
    </message>
</context>
<context>
    <name>exl2::MeasurementPage</name>
    <message>
        <source>Measurement</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>The converter first measures how much error each layer takes at each bit width, then spends the bits where they matter. A measurement can be saved and reused for other targets.</source>
        <translation>转换器先测量每层在各位宽下的误差，再把位数分配到最需要的地方。测量结果可以保存，并用于其他目标。</translation>
    </message>
    <message>
        <source>&amp;Convert</source>
        <translation>转换(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Measure now (recommended for a new model)</source>
        <translation>立即测量（新模型推荐）(&amp;M)</translation>
    </message>
    <message>
        <source>Re&amp;use a measurement file:</source>
        <translation>重复使用测量文件(&amp;U)：</translation>
    </message>
    <message>
        <source>Measure &amp;only, and save the measurement to:</source>
        <translation>仅测量(&amp;O)，并将测量结果保存到：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>a measurement.json file or a folder</source>
        <translation>measurement.json 文件或文件夹</translation>
    </message>
    <message>
        <source>Choose a measurement</source>
        <translation>选择测量文件</translation>
    </message>
    <message>
        <source>Measurement (*.json)</source>
        <translation>测量文件 (*.json)</translation>
    </message>
    <message>
        <source>Save the measurement as</source>
        <translation>测量结果另存为</translation>
    </message>
    <message>
        <source>Choose an existing measurement.json to reuse.</source>
        <translation>请选择一个已有的 measurement.json。</translation>
    </message>
    <message>
        <source>Choose where to save the measurement.</source>
        <translation>请选择测量结果的保存位置。</translation>
    </message>
</context>
<context>
    <name>exl2::ModelPage</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Choose the Hugging Face model folder to convert (config.json and *.safetensors), or try the built-in demo model.</source>
        <translation>选择要转换的 Hugging Face 模型文件夹（含 config.json 和 *.safetensors），或试用内置演示模型。</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>A folder with config.json and the model's .safetensors files</source>
        <translation>包含 config.json 和模型 .safetensors 文件的文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Use the &amp;demo model</source>
        <translation>使用演示模型(&amp;D)</translation>
    </message>
    <message>
        <source>A tiny generated Llama model: converts in seconds on any computer</source>
        <translation>一个生成的微型 Llama 模型：在任何电脑上几秒即可转换</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>%1 — unavailable: %2</source>
        <translation>%1 — 不可用：%2</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>架构：</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>结构：</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>磁盘占用：</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>RoPE:</source>
        <translation>RoPE：</translation>
    </message>
    <message>
        <source>Memory needed:</source>
        <translation>所需内存：</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Could not read the model folder: %1</source>
        <translation>无法读取模型文件夹：%1</translation>
    </message>
    <message>
        <source>Could not write the demo model: %1</source>
        <translation>无法写入演示模型：%1</translation>
    </message>
    <message>
        <source>%1 layers, hidden size %2, %3 heads (%4 KV), vocabulary %5, %6 parameters</source>
        <translation>%1 层，隐藏维度 %2，%3 个注意力头（%4 个 KV），词表 %5，%6 个参数</translation>
    </message>
    <message>
        <source>about %1 RAM, %2 on the device (for %3 calibration rows of %4 tokens)</source>
        <translation>约 %1 内存，设备上 %2（按 %3 行、每行 %4 个词元的校准数据估算）</translation>
    </message>
</context>
<context>
    <name>exl2::PerplexityChart</name>
    <message>
        <source>Calibration perplexity</source>
        <translation>校准困惑度</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Threshold (%1)</source>
        <translation>阈值（%1）</translation>
    </message>
</context>
<context>
    <name>exl2::RunPage</name>
    <message>
        <source>Converting</source>
        <translation>转换中</translation>
    </message>
    <message>
        <source>Pause or cancel at any time: the job folder stays consistent and can be resumed.</source>
        <translation>可随时暂停或取消：任务文件夹保持一致，之后可以继续。</translation>
    </message>
    <message>
        <source>&amp;Error per module</source>
        <translation>各模块误差(&amp;E)</translation>
    </message>
    <message>
        <source>Bits per &amp;layer</source>
        <translation>各层位数(&amp;L)</translation>
    </message>
    <message>
        <source>Per&amp;plexity</source>
        <translation>困惑度(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;ancel job</source>
        <translation>取消任务(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Change &amp;settings</source>
        <translation>更改设置(&amp;S)</translation>
    </message>
    <message>
        <source>Back to the first page, keeping every setting</source>
        <translation>返回第一页，保留所有设置</translation>
    </message>
    <message>
        <source>The previous job is still stopping; try again in a moment.</source>
        <translation>上一个任务仍在停止中，请稍后再试。</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Pausing at the next safe point…</source>
        <translation>将在下一个安全点暂停…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cancelling at the next safe point…</source>
        <translation>将在下一个安全点取消…</translation>
    </message>
    <message>
        <source>Time left in this stage: about %1</source>
        <translation>本阶段剩余时间：约 %1</translation>
    </message>
    <message>
        <source>Measurement finished.</source>
        <translation>测量完成。</translation>
    </message>
    <message>
        <source>Conversion finished.</source>
        <translation>转换完成。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1. The job folder can be resumed: press Resume, or run the wizard again later with the same output folder.</source>
        <translation>%1。任务文件夹可以继续：点击“继续”，或稍后用同一输出文件夹再次运行向导。</translation>
    </message>
    <message>
        <source>The conversion failed: %1</source>
        <translation>转换失败：%1</translation>
    </message>
</context>
<context>
    <name>exl2::TargetPage</name>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>How small the converted model should be, and where it goes.</source>
        <translation>转换后的模型应有多小，以及保存到哪里。</translation>
    </message>
    <message>
        <source> bpw</source>
        <translation> bpw</translation>
    </message>
    <message>
        <source>Override RoPE scale:</source>
        <translation>覆盖 RoPE 缩放：</translation>
    </message>
    <message>
        <source>NTK alpha:</source>
        <translation>NTK alpha：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Output (working) folder</source>
        <translation>输出（工作）文件夹</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Resume the job in this folder (otherwise start over, deleting only the files a job wrote)</source>
        <translation>继续此文件夹中的任务(&amp;R)（否则重新开始，只删除任务写入的文件）</translation>
    </message>
    <message>
        <source>&amp;Bits per weight:</source>
        <translation>每权重位数(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Head bits:</source>
        <translation>输出头位数(&amp;H)：</translation>
    </message>
    <message>
        <source>RoPE:</source>
        <translation>RoPE：</translation>
    </message>
    <message>
        <source>&amp;Shard size:</source>
        <translation>分片大小(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>输出文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>A target of %1 bits per weight will likely not be attainable: EXL2 options range from about 2 to 8 bits.</source>
        <translation>每权重 %1 位的目标很可能无法达到：EXL2 选项约在 2 到 8 位之间。</translation>
    </message>
    <message>
        <source>config.json already applies %1 RoPE scaling (factor %2): an override on top scales the positions twice during calibration.</source>
        <translation>config.json 已应用 %1 RoPE 缩放（系数 %2）：再叠加覆盖会在校准时把位置缩放两次。</translation>
    </message>
    <message>
        <source>config.json declares %1 RoPE scaling (factor %2); calibration uses it as is, no override needed.</source>
        <translation>config.json 声明了 %1 RoPE 缩放（系数 %2）；校准会直接使用，无需覆盖。</translation>
    </message>
    <message>
        <source>This folder holds a conversion job.</source>
        <translation>此文件夹中有一个转换任务。</translation>
    </message>
    <message>
        <source>The output folder is not empty; its files are kept, and files of the same name are replaced.</source>
        <translation>输出文件夹不为空；其中的文件会保留，同名文件将被替换。</translation>
    </message>
</context>
</TS>