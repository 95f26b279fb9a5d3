<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComparisonCharts</name>
    <message>
        <source>attn</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>moe</source>
        <translation>MoE</translation>
    </message>
    <message>
        <source>mlp</source>
        <translation>MLP</translation>
    </message>
</context>
<context>
    <name>ComparisonTables</name>
    <message>
        <source>Options in both files</source>
        <translation>两个文件共有的选项</translation>
    </message>
    <message>
        <source>Options only in the reference</source>
        <translation>仅在参考文件中的选项</translation>
    </message>
    <message>
        <source>Options only in this file</source>
        <translation>仅在此文件中的选项</translation>
    </message>
    <message>
        <source>Mean difference (this - reference)</source>
        <translation>平均差值（本文件 − 参考）</translation>
    </message>
    <message>
        <source>Mean |difference|</source>
        <translation>平均 |差值|</translation>
    </message>
    <message>
        <source>RMS difference</source>
        <translation>均方根差值</translation>
    </message>
    <message>
        <source>Max |difference|</source>
        <translation>最大 |差值|</translation>
    </message>
    <message>
        <source>Largest difference at</source>
        <translation>最大差值位于</translation>
    </message>
    <message>
        <source>Correlation of accuracies</source>
        <translation>准确度的相关系数</translation>
    </message>
    <message>
        <source>Error ratio (geometric mean)</source>
        <translation>误差比（几何平均）</translation>
    </message>
    <message>
        <source>Most disagreeing modules</source>
        <translation>差异最大的模块</translation>
    </message>
    <message>
        <source>Allocation: bits per weight</source>
        <translation>位分配：每权重位数</translation>
    </message>
    <message>
        <source>Allocation: modules that differ</source>
        <translation>位分配：不同的模块</translation>
    </message>
    <message>
        <source>Allocation: mean |bpw difference|</source>
        <translation>位分配：平均 |bpw 差值|</translation>
    </message>
    <message>
        <source>Sum of errors, own allocation</source>
        <translation>误差总和（自身位分配）</translation>
    </message>
    <message>
        <source>Reference&apos;s allocation scored here</source>
        <translation>用本文件评估参考文件的位分配</translation>
    </message>
    <message>
        <source>This allocation scored by the reference</source>
        <translation>用参考文件评估本位分配</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 对比 %2</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>%1 bpw</source>
        <translation>%1 bpw</translation>
    </message>
    <message>
        <source>%1 error</source>
        <translation>误差 %1</translation>
    </message>
    <message>
        <source>differs from the reference&apos;s choice</source>
        <translation>与参考文件的选择不同</translation>
    </message>
</context>
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
    <name>ModelFacts</name>
    <message>
        <source>none (learned positions)</source>
        <translation>无（学习到的位置编码）</translation>
    </message>
    <message>
        <source>theta %1</source>
        <translation>theta %1</translation>
    </message>
    <message>
        <source>%1 ×%2, %3</source>
        <translation>%1 ×%2，%3</translation>
    </message>
    <message>
        <source>%1, partial rotation %2</source>
        <translation>%1，部分旋转 %2</translation>
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
        <source>column / field (default: first text column, &quot;text&quot;)</source>
        <translation>列 / 字段（默认：第一个文本列，&quot;text&quot;）</translation>
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
    <name>exl2::ChartBase</name>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>%1
%2: %3
%4: %5</source>
        <translation>%1
%2：%3
%4：%5</translation>
    </message>
    <message>
        <source>Export &amp;image…</source>
        <translation>导出图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export chart image</source>
        <translation>导出图表图像</translation>
    </message>
    <message>
        <source>Could not write %1 (the name must end in .png, .svg or .pdf, and the folder must be writable).</source>
        <translation>无法写入 %1（文件名必须以 .png、.svg 或 .pdf 结尾，且文件夹必须可写）。</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: the folder is not writable.</source>
        <translation>无法写入 %1：文件夹不可写。</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonAllocationChart</name>
    <message>
        <source>Allocation at the target</source>
        <translation>目标下的位分配</translation>
    </message>
    <message>
        <source>Module (layer, kind)</source>
        <translation>模块（层，类型）</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>每权重位数</translation>
    </message>
    <message>
        <source>%1 (%2 bpw)</source>
        <translation>%1（%2 bpw）</translation>
    </message>
    <message>
        <source>Target %1 bpw</source>
        <translation>目标 %1 bpw</translation>
    </message>
    <message>
        <source>%1
%2
%3 bpw, error %4 (option %5)</source>
        <translation>%1
%2
%3 bpw，误差 %4（选项 %5）</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonCurveChart</name>
    <message>
        <source>Accuracy vs bits per weight</source>
        <translation>准确度与每权重位数</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>每权重位数</translation>
    </message>
    <message>
        <source>Accuracy (1 - relative error)</source>
        <translation>准确度（1 − 相对误差）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1
%2
%3 bpw (%4 bits)
accuracy %5</source>
        <translation>%1
%2
%3 bpw（%4 位）
准确度 %5</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonDifferenceChart</name>
    <message>
        <source>Accuracy difference per module</source>
        <translation>各模块的准确度差异</translation>
    </message>
    <message>
        <source>Module (layer, kind)</source>
        <translation>模块（层，类型）</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 对比 %2</translation>
    </message>
    <message>
        <source>mean |diff|, %1</source>
        <translation>平均 |差值|，%1</translation>
    </message>
    <message>
        <source>max |diff|, %1</source>
        <translation>最大 |差值|，%1</translation>
    </message>
    <message>
        <source>%1 vs %2
%3
mean |diff| %4, max |diff| %5
mean diff %6
%7 shared options, %8 only in %2, %9 only in %1</source>
        <translation>%1 对比 %2
%3
平均 |差值| %4，最大 |差值| %5
平均差值 %6
%7 个共有选项，%8 个仅在 %2 中，%9 个仅在 %1 中</translation>
    </message>
    <message>
        <source>|Accuracy difference|</source>
        <translation>|准确度差异|</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonWindow</name>
    <message>
        <source>Compare measurements</source>
        <translation>比较测量结果</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add measurement...</source>
        <translation>添加测量结果(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Add two or more measurement.json files of the same model (File &gt; Add measurement).</source>
        <translation>请添加同一模型的两个或更多 measurement.json 文件（文件 &gt; 添加测量结果）。</translation>
    </message>
    <message>
        <source> bpw</source>
        <translation> bpw</translation>
    </message>
    <message>
        <source>Module:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <source>Allocation target:</source>
        <translation>位分配目标：</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation>位分配</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 已经打开。</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>未添加 %1：%2</translation>
    </message>
    <message>
        <source>Add measurement</source>
        <translation>添加测量结果</translation>
    </message>
    <message>
        <source>Measurement files (*.json);;All files (*)</source>
        <translation>测量文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source> (reference)</source>
        <translation>（参考）</translation>
    </message>
    <message>
        <source>No allocation at %1 bpw: %2</source>
        <translation>在 %1 bpw 下没有位分配：%2</translation>
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
    <name>exl2::InspectorAllocationChart</name>
    <message>
        <source>Allocated bits per weight by layer</source>
        <translation>各层分配的每权重位数</translation>
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
        <source>Attention bpw</source>
        <translation>注意力 bpw</translation>
    </message>
    <message>
        <source>MLP bpw</source>
        <translation>MLP bpw</translation>
    </message>
    <message>
        <source>Pinned module</source>
        <translation>已固定的模块</translation>
    </message>
    <message>
        <source>Target bpw</source>
        <translation>目标 bpw</translation>
    </message>
</context>
<context>
    <name>exl2::InspectorErrorChart</name>
    <message>
        <source>Expected error by layer</source>
        <translation>各层的预期误差</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Expected error (1 - accuracy)</source>
        <translation>预期误差（1 − 准确度）</translation>
    </message>
    <message>
        <source>Attention error</source>
        <translation>注意力误差</translation>
    </message>
    <message>
        <source>MLP error</source>
        <translation>MLP 误差</translation>
    </message>
    <message>
        <source>Max error</source>
        <translation>最大误差</translation>
    </message>
</context>
<context>
    <name>exl2::InspectorTable</name>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>bpw</source>
        <translation>每权重位数</translation>
    </message>
    <message>
        <source>Expected error</source>
        <translation>预期误差</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <source>#%1: %2 bpw, error %3</source>
        <translation>#%1：%2 bpw，误差 %3</translation>
    </message>
</context>
<context>
    <name>exl2::InspectorWindow</name>
    <message>
        <source>Allocation inspector</source>
        <translation>位分配检查器</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Drag to change the target bits per weight</source>
        <translation>拖动以更改目标每权重位数</translation>
    </message>
    <message>
        <source>Target bpw</source>
        <translation>目标 bpw</translation>
    </message>
    <message>
        <source> bpw</source>
        <translation> bpw</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>每权重位数</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Output .safetensors size: decoder layers at the target plus embeddings, norms (fp16) and the head at the head bits</source>
        <translation>输出 .safetensors 的大小：按目标位数计算的解码器层，加上嵌入、归一化层（fp16）以及按输出头位数计算的输出头</translation>
    </message>
    <message>
        <source>Output file size</source>
        <translation>输出文件大小</translation>
    </message>
    <message>
        <source>Estimate: file size + fp16 key/value cache for the context length + one 2048-token forward chunk of activations</source>
        <translation>估算：文件大小 + 该上下文长度的 fp16 键/值缓存 + 一个 2048 词元前向块的激活值</translation>
    </message>
    <message>
        <source>VRAM budget</source>
        <translation>显存预算</translation>
    </message>
    <message>
        <source>Context length (VRAM)</source>
        <translation>上下文长度（显存）</translation>
    </message>
    <message>
        <source>Head bits</source>
        <translation>输出头位数</translation>
    </message>
    <message>
        <source>Clear pins</source>
        <translation>清除固定</translation>
    </message>
    <message>
        <source>Export strategy...</source>
        <translation>导出策略...</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open measurement...</source>
        <translation>打开测量结果(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Export strategy...</source>
        <translation>导出策略(&amp;E)...</translation>
    </message>
    <message>
        <source>Export allocation as &amp;CSV...</source>
        <translation>将位分配导出为 CSV(&amp;C)...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Allocation inspector - %1</source>
        <translation>位分配检查器 - %1</translation>
    </message>
    <message>
        <source>Achieved %1 bpw (range %2 to %3)
Max error %4, sum(log err) %5
Error norm %6, %7 pinned</source>
        <translation>实际 %1 bpw（范围 %2 至 %3）
最大误差 %4，sum(log 误差) %5
误差范数 %6，已固定 %7 个</translation>
    </message>
    <message>
        <source>Exact optimum of the full norm search (as exl2-convert computes it)</source>
        <translation>完整范数搜索的精确最优解（与 exl2-convert 的计算相同）</translation>
    </message>
    <message>
        <source>No allocation to export: open a measurement first</source>
        <translation>没有可导出的位分配：请先打开测量结果</translation>
    </message>
    <message>
        <source>The full optimizer search did not finish: %1</source>
        <translation>完整的优化器搜索未完成：%1</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>Open measurement</source>
        <translation>打开测量结果</translation>
    </message>
    <message>
        <source>Measurement (*.json)</source>
        <translation>测量结果 (*.json)</translation>
    </message>
    <message>
        <source>Model folder (optional: cancel to use the measurement alone)</source>
        <translation>模型文件夹（可选：取消则只使用测量结果）</translation>
    </message>
    <message>
        <source>Export strategy</source>
        <translation>导出策略</translation>
    </message>
    <message>
        <source>Strategy (*.json)</source>
        <translation>策略 (*.json)</translation>
    </message>
    <message>
        <source>Strategy written to %1: convert with exl2-convert --strategy %1</source>
        <translation>策略已写入 %1：使用 exl2-convert --strategy %1 进行转换</translation>
    </message>
    <message>
        <source>Export allocation</source>
        <translation>导出位分配</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Fast answer: optimum at error norm %1 (%2 ms); refining with the full norm search...</source>
        <translation>快速结果：误差范数 %1 下的最优解（%2 毫秒）；正在用完整范数搜索细化...</translation>
    </message>
    <message>
        <source>Fast answer: near-optimal at error norm %1 (%2 ms); refining with the full norm search...</source>
        <translation>快速结果：误差范数 %1 下的近似最优解（%2 毫秒）；正在用完整范数搜索细化...</translation>
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
        <source>A folder with config.json and the model&apos;s .safetensors files</source>
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
    <name>exl2::StudioWindow</name>
    <message>
        <source>Measurements (*.json);;All files (*)</source>
        <translation>测量结果 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>EXL2 Studio</source>
        <translation>EXL2 Studio</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New conversion…</source>
        <translation>新建转换(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open measurement…</source>
        <translation>打开测量结果(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Compare measurements…</source>
        <translation>比较测量结果(&amp;C)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About EXL2 Studio</source>
        <translation>关于 EXL2 Studio(&amp;A)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;EXL2 Studio&lt;/h2&gt;&lt;p&gt;Convert Hugging Face models to EXL2, inspect how a measurement allocates the bits, and compare measurements.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;EXL2 Studio&lt;/h2&gt;&lt;p&gt;将 Hugging Face 模型转换为 EXL2，查看测量结果如何分配位数，并比较多个测量结果。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New conversion…</source>
        <translation>新建转换…</translation>
    </message>
    <message>
        <source>Open measurement…</source>
        <translation>打开测量结果…</translation>
    </message>
    <message>
        <source>Compare measurements…</source>
        <translation>比较测量结果…</translation>
    </message>
    <message>
        <source>Recent measurements (double-click to open):</source>
        <translation>最近的测量结果（双击打开）：</translation>
    </message>
    <message>
        <source>Removed from the recent list, no longer there: %1</source>
        <translation>已从最近列表中移除（文件已不存在）：%1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Conversion wizard opened</source>
        <translation>已打开转换向导</translation>
    </message>
    <message>
        <source>Open measurement</source>
        <translation>打开测量结果</translation>
    </message>
    <message>
        <source>Could not open %1:
%2</source>
        <translation>无法打开 %1：
%2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Compare measurements</source>
        <translation>比较测量结果</translation>
    </message>
    <message>
        <source>Choose two or more measurement files to compare.</source>
        <translation>请选择两个或更多测量文件进行比较。</translation>
    </message>
    <message>
        <source>Compare measurements (choose two or more)</source>
        <translation>比较测量结果（选择两个或更多）</translation>
    </message>
    <message>
        <source>The language changes when EXL2 Studio is started again.</source>
        <translation>重新启动 EXL2 Studio 后语言才会更改。</translation>
    </message>
    <message>
        <source>About EXL2 Studio</source>
        <translation>关于 EXL2 Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;EXL2 Studio %1&lt;/h3&gt;&lt;p&gt;Converts Hugging Face language models to exllamav2&apos;s EXL2 format, and shows what the conversion does: the measurement, the allocation of bits per layer, and the error it costs.&lt;/p&gt;&lt;p&gt;Command-line tools: exl2-convert, exl2-tool.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EXL2 Studio %1&lt;/h3&gt;&lt;p&gt;将 Hugging Face 语言模型转换为 exllamav2 的 EXL2 格式，并展示转换的过程：测量、各层的位数分配以及由此带来的误差。&lt;/p&gt;&lt;p&gt;命令行工具：exl2-convert、exl2-tool。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Convert Hugging Face models to EXL2, inspect and compare measurements.</source>
        <translation>将 Hugging Face 模型转换为 EXL2，检查并比较测量结果。</translation>
    </message>
    <message>
        <source>Compare the measurement files given (two or more).</source>
        <translation>比较给定的测量文件（两个或更多）。</translation>
    </message>
    <message>
        <source>Model folder: preselected in the wizard, or the sizes for the inspector.</source>
        <translation>模型文件夹：在向导中预选，或为检查器提供大小信息。</translation>
    </message>
    <message>
        <source>Wizard: preselect the built-in demo model.</source>
        <translation>向导：预选内置演示模型。</translation>
    </message>
    <message>
        <source>Wizard: preselect the output folder.</source>
        <translation>向导：预选输出文件夹。</translation>
    </message>
    <message>
        <source>Wizard: preselect the target bits per weight.</source>
        <translation>向导：预选目标每权重位数。</translation>
    </message>
    <message>
        <source>Wizard: calibration rows (both passes).</source>
        <translation>向导：校准行数（两个阶段）。</translation>
    </message>
    <message>
        <source>Wizard: calibration row length in tokens (both passes).</source>
        <translation>向导：校准行长度，以词元计（两个阶段）。</translation>
    </message>
    <message>
        <source>Wizard: convert with this allocation (exported by the inspector).</source>
        <translation>向导：使用此位分配进行转换（由检查器导出）。</translation>
    </message>
    <message>
        <source>Language: de, zh_CN or en (saved).</source>
        <translation>语言：de、zh_CN 或 en（会被保存）。</translation>
    </message>
    <message>
        <source>light or dark (saved).</source>
        <translation>light 或 dark（会被保存）。</translation>
    </message>
    <message>
        <source>Wizard: open at a page: model, calibration, target, measurement, run, finish.</source>
        <translation>向导：打开指定页面：model、calibration、target、measurement、run、finish。</translation>
    </message>
    <message>
        <source>Save a PNG of the window opened, then quit.</source>
        <translation>保存已打开窗口的 PNG 截图，然后退出。</translation>
    </message>
    <message>
        <source>Wizard: run a scripted stand-in job (screenshots, demos).</source>
        <translation>向导：运行脚本化的替代任务（用于截图、演示）。</translation>
    </message>
    <message>
        <source>Open in the inspector (with --compare: the files to compare; with wizard options: reuse it).</source>
        <translation>在检查器中打开（配合 --compare：要比较的文件；配合向导选项：复用该测量结果）。</translation>
    </message>
    <message>
        <source>--bits expects a positive number of bits per weight, not &apos;%1&apos;</source>
        <translation>--bits 需要一个正的每权重位数，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--%1 expects a positive whole number, not &apos;%2&apos;</source>
        <translation>--%1 需要一个正整数，而不是 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>unknown --page &apos;%1&apos; (expected one of: %2)</source>
        <translation>未知的 --page &apos;%1&apos;（应为以下之一：%2）</translation>
    </message>
    <message>
        <source>--theme expects light or dark, not &apos;%1&apos;</source>
        <translation>--theme 需要 light 或 dark，而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--compare takes only measurement files (and --lang, --theme, --screenshot)</source>
        <translation>--compare 只接受测量文件（以及 --lang、--theme、--screenshot）</translation>
    </message>
    <message>
        <source>--compare needs two or more measurement files, got %1</source>
        <translation>--compare 需要两个或更多测量文件，实际为 %1 个</translation>
    </message>
    <message>
        <source>the wizard reuses one measurement file, got %1</source>
        <translation>向导只能复用一个测量文件，实际为 %1 个</translation>
    </message>
    <message>
        <source>give --compare to compare %1 measurement files</source>
        <translation>请加上 --compare 以比较 %1 个测量文件</translation>
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
    <message>
        <source>Optional: an allocation exported by the inspector (strategy .json)</source>
        <translation>可选：由检查器导出的位分配（策略 .json）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>S&amp;trategy file:</source>
        <translation>策略文件(&amp;T)：</translation>
    </message>
    <message>
        <source>Choose a strategy file</source>
        <translation>选择策略文件</translation>
    </message>
    <message>
        <source>Strategy (*.json);;All files (*)</source>
        <translation>策略 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The allocation comes from the strategy (%1 modules): %2 bits per weight in the decoder layers. The target above is not used.</source>
        <translation>位分配来自策略（%1 个模块）：解码器层为每权重 %2 位。上面的目标不会被使用。</translation>
    </message>
    <message>
        <source>The allocation comes from the strategy (%1 modules); the target above is not used.</source>
        <translation>位分配来自策略（%1 个模块）；上面的目标不会被使用。</translation>
    </message>
    <message>
        <source>%1: not a strategy file (%2)</source>
        <translation>%1：不是策略文件（%2）</translation>
    </message>
</context>
</TS>
