<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ComparisonCharts</name>
    <message>
        <source>attn</source>
        <translation>Attn</translation>
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
        <translation>Optionen in beiden Dateien</translation>
    </message>
    <message>
        <source>Options only in the reference</source>
        <translation>Optionen nur in der Referenz</translation>
    </message>
    <message>
        <source>Options only in this file</source>
        <translation>Optionen nur in dieser Datei</translation>
    </message>
    <message>
        <source>Mean difference (this - reference)</source>
        <translation>Mittlere Differenz (diese − Referenz)</translation>
    </message>
    <message>
        <source>Mean |difference|</source>
        <translation>Mittlere |Differenz|</translation>
    </message>
    <message>
        <source>RMS difference</source>
        <translation>RMS-Differenz</translation>
    </message>
    <message>
        <source>Max |difference|</source>
        <translation>Größte |Differenz|</translation>
    </message>
    <message>
        <source>Largest difference at</source>
        <translation>Größte Differenz bei</translation>
    </message>
    <message>
        <source>Correlation of accuracies</source>
        <translation>Korrelation der Genauigkeiten</translation>
    </message>
    <message>
        <source>Error ratio (geometric mean)</source>
        <translation>Fehlerverhältnis (geometrisches Mittel)</translation>
    </message>
    <message>
        <source>Most disagreeing modules</source>
        <translation>Module mit der größten Abweichung</translation>
    </message>
    <message>
        <source>Allocation: bits per weight</source>
        <translation>Zuteilung: Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Allocation: modules that differ</source>
        <translation>Zuteilung: abweichende Module</translation>
    </message>
    <message>
        <source>Allocation: mean |bpw difference|</source>
        <translation>Zuteilung: mittlere |bpw-Differenz|</translation>
    </message>
    <message>
        <source>Sum of errors, own allocation</source>
        <translation>Fehlersumme, eigene Zuteilung</translation>
    </message>
    <message>
        <source>Reference&apos;s allocation scored here</source>
        <translation>Zuteilung der Referenz, hier bewertet</translation>
    </message>
    <message>
        <source>This allocation scored by the reference</source>
        <translation>Diese Zuteilung, von der Referenz bewertet</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 vs. %2</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>%1 bpw</source>
        <translation>%1 bpw</translation>
    </message>
    <message>
        <source>%1 error</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <source>differs from the reference&apos;s choice</source>
        <translation>weicht von der Wahl der Referenz ab</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>Tokenizing and embedding (measurement)</source>
        <translation>Tokenisieren und Einbetten (Messung)</translation>
    </message>
    <message>
        <source>Measuring quantization error</source>
        <translation>Quantisierungsfehler messen</translation>
    </message>
    <message>
        <source>Choosing bits per layer</source>
        <translation>Bits pro Schicht wählen</translation>
    </message>
    <message>
        <source>Tokenizing calibration data</source>
        <translation>Kalibrierdaten tokenisieren</translation>
    </message>
    <message>
        <source>Embedding calibration data</source>
        <translation>Kalibrierdaten einbetten</translation>
    </message>
    <message>
        <source>Quantizing</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <source>Writing the EXL2 model</source>
        <translation>EXL2-Modell schreiben</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Unknown stage</source>
        <translation>Unbekannter Schritt</translation>
    </message>
</context>
<context>
    <name>JobWorker</name>
    <message>
        <source>The job was stopped. Its folder holds a consistent checkpoint and can be resumed.</source>
        <translation>Der Auftrag wurde angehalten. Sein Ordner enthält einen konsistenten Zwischenstand und kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>A setting is not valid: %1</source>
        <translation>Eine Einstellung ist ungültig: %1</translation>
    </message>
    <message>
        <source>A file could not be read or written: %1</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden: %1</translation>
    </message>
    <message>
        <source>A file is malformed: %1</source>
        <translation>Eine Datei ist fehlerhaft: %1</translation>
    </message>
    <message>
        <source>This input is not supported: %1</source>
        <translation>Diese Eingabe wird nicht unterstützt: %1</translation>
    </message>
    <message>
        <source>The model folder is inconsistent: %1</source>
        <translation>Der Modellordner ist inkonsistent: %1</translation>
    </message>
    <message>
        <source>The computation became unstable: %1</source>
        <translation>Die Berechnung wurde instabil: %1</translation>
    </message>
    <message>
        <source>Not enough memory or disk space: %1</source>
        <translation>Nicht genug Arbeits- oder Speicherplatz: %1</translation>
    </message>
    <message>
        <source>The compute device failed: %1</source>
        <translation>Das Rechengerät ist ausgefallen: %1</translation>
    </message>
    <message>
        <source>An internal error occurred (please report it): %1</source>
        <translation>Ein interner Fehler ist aufgetreten (bitte melden): %1</translation>
    </message>
    <message>
        <source>The job ran out of memory. Try fewer calibration rows or a shorter row length.</source>
        <translation>Dem Auftrag ging der Speicher aus. Versuchen Sie weniger Kalibrierzeilen oder kürzere Zeilen.</translation>
    </message>
    <message>
        <source>An unexpected error occurred: %1</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten: %1</translation>
    </message>
    <message>
        <source>An unexpected error of unknown type occurred.</source>
        <translation>Ein unerwarteter Fehler unbekannter Art ist aufgetreten.</translation>
    </message>
</context>
<context>
    <name>ModelFacts</name>
    <message>
        <source>none (learned positions)</source>
        <translation>keine (gelernte Positionen)</translation>
    </message>
    <message>
        <source>theta %1</source>
        <translation>Theta %1</translation>
    </message>
    <message>
        <source>%1 ×%2, %3</source>
        <translation>%1 ×%2, %3</translation>
    </message>
    <message>
        <source>%1, partial rotation %2</source>
        <translation>%1, teilweise Rotation %2</translation>
    </message>
</context>
<context>
    <name>exl2::AllocationChart</name>
    <message>
        <source>Bits per weight by layer</source>
        <translation>Bits pro Gewicht je Schicht</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
</context>
<context>
    <name>exl2::CalibrationPage</name>
    <message>
        <source>Calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <source>The text the converter runs through the model to see which weights matter. The built-in set mixes prose, code and dialogue; use your own to match your use.</source>
        <translation>Der Text, den der Konverter durch das Modell schickt, um zu sehen, welche Gewichte wichtig sind. Der eingebaute Satz mischt Prosa, Code und Dialog; nehmen Sie eigenen Text, der zu Ihrer Anwendung passt.</translation>
    </message>
    <message>
        <source>&amp;Built-in calibration text</source>
        <translation>&amp;Eingebauter Kalibriertext</translation>
    </message>
    <message>
        <source>&amp;From a file (parquet, jsonl or txt):</source>
        <translation>Aus einer &amp;Datei (parquet, jsonl oder txt):</translation>
    </message>
    <message>
        <source>Calibration file</source>
        <translation>Kalibrierdatei</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>column / field (default: first text column, &quot;text&quot;)</source>
        <translation>Spalte / Feld (Standard: erste Textspalte, &quot;text&quot;)</translation>
    </message>
    <message>
        <source>The first rows of the file appear here.</source>
        <translation>Hier erscheinen die ersten Zeilen der Datei.</translation>
    </message>
    <message>
        <source>Rows and length</source>
        <translation>Zeilen und Länge</translation>
    </message>
    <message>
        <source>Measurement pass:</source>
        <translation>Messdurchlauf:</translation>
    </message>
    <message>
        <source>rows of</source>
        <translation>Zeilen mit</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Quantization pass:</source>
        <translation>Quantisierungsdurchlauf:</translation>
    </message>
    <message>
        <source>Choose calibration text</source>
        <translation>Kalibriertext wählen</translation>
    </message>
    <message>
        <source>Calibration text (*.parquet *.jsonl *.txt);;All files (*)</source>
        <translation>Kalibriertext (*.parquet *.jsonl *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 rows in total; the first %2 rows shown hold %3 tokens.</source>
        <translation>%1 Zeilen insgesamt; die ersten %2 angezeigten Zeilen enthalten %3 Tokens.</translation>
    </message>
    <message>
        <source>%1 rows in total (tokens are counted once a model is chosen).</source>
        <translation>%1 Zeilen insgesamt (Tokens werden gezählt, sobald ein Modell gewählt ist).</translation>
    </message>
    <message>
        <source>Choose a calibration file, or use the built-in text.</source>
        <translation>Wählen Sie eine Kalibrierdatei oder nutzen Sie den eingebauten Text.</translation>
    </message>
    <message>
        <source>Rows longer than %1 tokens may need excessive memory.</source>
        <translation>Zeilen mit mehr als %1 Tokens können übermäßig viel Speicher brauchen.</translation>
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
%2: %3
%4: %5</translation>
    </message>
    <message>
        <source>Export &amp;image…</source>
        <translation>Als &amp;Bild exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>Zoom &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export chart image</source>
        <translation>Diagramm als Bild exportieren</translation>
    </message>
    <message>
        <source>Could not write %1 (the name must end in .png, .svg or .pdf, and the folder must be writable).</source>
        <translation>%1 konnte nicht geschrieben werden (der Name muss auf .png, .svg oder .pdf enden und der Ordner beschreibbar sein).</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>Diagrammdaten exportieren</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-Datei (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: the folder is not writable.</source>
        <translation>%1 konnte nicht geschrieben werden: Der Ordner ist nicht beschreibbar.</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonAllocationChart</name>
    <message>
        <source>Allocation at the target</source>
        <translation>Zuteilung beim Ziel</translation>
    </message>
    <message>
        <source>Module (layer, kind)</source>
        <translation>Modul (Schicht, Art)</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source>%1 (%2 bpw)</source>
        <translation>%1 (%2 bpw)</translation>
    </message>
    <message>
        <source>Target %1 bpw</source>
        <translation>Ziel %1 bpw</translation>
    </message>
    <message>
        <source>%1
%2
%3 bpw, error %4 (option %5)</source>
        <translation>%1
%2
%3 bpw, Fehler %4 (Option %5)</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonCurveChart</name>
    <message>
        <source>Accuracy vs bits per weight</source>
        <translation>Genauigkeit über Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Accuracy (1 - relative error)</source>
        <translation>Genauigkeit (1 − relativer Fehler)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1
%2
%3 bpw (%4 bits)
accuracy %5</source>
        <translation>%1
%2
%3 bpw (%4 Bits)
Genauigkeit %5</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonDifferenceChart</name>
    <message>
        <source>Accuracy difference per module</source>
        <translation>Genauigkeitsdifferenz je Modul</translation>
    </message>
    <message>
        <source>Module (layer, kind)</source>
        <translation>Modul (Schicht, Art)</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 vs. %2</translation>
    </message>
    <message>
        <source>mean |diff|, %1</source>
        <translation>mittlere |Diff.|, %1</translation>
    </message>
    <message>
        <source>max |diff|, %1</source>
        <translation>größte |Diff.|, %1</translation>
    </message>
    <message>
        <source>%1 vs %2
%3
mean |diff| %4, max |diff| %5
mean diff %6
%7 shared options, %8 only in %2, %9 only in %1</source>
        <translation>%1 vs. %2
%3
mittlere |Diff.| %4, größte |Diff.| %5
mittlere Diff. %6
%7 gemeinsame Optionen, %8 nur in %2, %9 nur in %1</translation>
    </message>
    <message>
        <source>|Accuracy difference|</source>
        <translation>|Genauigkeitsdifferenz|</translation>
    </message>
</context>
<context>
    <name>exl2::ComparisonWindow</name>
    <message>
        <source>Compare measurements</source>
        <translation>Messungen vergleichen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add measurement...</source>
        <translation>Messung &amp;hinzufügen...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Add two or more measurement.json files of the same model (File &gt; Add measurement).</source>
        <translation>Fügen Sie zwei oder mehr measurement.json-Dateien desselben Modells hinzu (Datei &gt; Messung hinzufügen).</translation>
    </message>
    <message>
        <source> bpw</source>
        <translation> bpw</translation>
    </message>
    <message>
        <source>Module:</source>
        <translation>Modul:</translation>
    </message>
    <message>
        <source>Allocation target:</source>
        <translation>Ziel der Zuteilung:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Allocations</source>
        <translation>Zuteilungen</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 ist bereits geöffnet.</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 wurde nicht hinzugefügt: %2</translation>
    </message>
    <message>
        <source>Add measurement</source>
        <translation>Messung hinzufügen</translation>
    </message>
    <message>
        <source>Measurement files (*.json);;All files (*)</source>
        <translation>Messdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source> (reference)</source>
        <translation> (Referenz)</translation>
    </message>
    <message>
        <source>No allocation at %1 bpw: %2</source>
        <translation>Keine Zuteilung bei %1 bpw: %2</translation>
    </message>
</context>
<context>
    <name>exl2::ConversionWizard</name>
    <message>
        <source>EXL2 Studio — convert a model</source>
        <translation>EXL2 Studio — ein Modell umwandeln</translation>
    </message>
    <message>
        <source>Dark &amp;theme</source>
        <translation>Dunkles &amp;Design</translation>
    </message>
</context>
<context>
    <name>exl2::ErrorChart</name>
    <message>
        <source>Per-module error</source>
        <translation>Fehler je Modul</translation>
    </message>
    <message>
        <source>Module index</source>
        <translation>Modulindex</translation>
    </message>
    <message>
        <source>Relative error (log)</source>
        <translation>Relativer Fehler (log)</translation>
    </message>
    <message>
        <source>Options measured</source>
        <translation>Gemessene Optionen</translation>
    </message>
    <message>
        <source>Quantized module</source>
        <translation>Quantisiertes Modul</translation>
    </message>
</context>
<context>
    <name>exl2::FinishPage</name>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <source>Bits per weight:</source>
        <translation>Bits pro Gewicht:</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>Größe auf der Festplatte:</translation>
    </message>
    <message>
        <source>Calibration perplexity:</source>
        <translation>Kalibrier-Perplexität:</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Zeit:</translation>
    </message>
    <message>
        <source>&amp;Open output folder</source>
        <translation>Ausgabeordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Save &amp;charts…</source>
        <translation>&amp;Diagramme speichern…</translation>
    </message>
    <message>
        <source>Save chart &amp;data (CSV)…</source>
        <translation>Diagramm&amp;daten speichern (CSV)…</translation>
    </message>
    <message>
        <source>Convert &amp;again with these settings</source>
        <translation>Mit diesen Einstellungen &amp;erneut umwandeln</translation>
    </message>
    <message>
        <source>Save charts</source>
        <translation>Diagramme speichern</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write the charts to %1.</source>
        <translation>Die Diagramme konnten nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Save chart data</source>
        <translation>Diagrammdaten speichern</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The measurement is saved. Reuse it to convert this model to any size without measuring again.</source>
        <translation>Die Messung ist gespeichert. Verwenden Sie sie, um dieses Modell ohne neue Messung in jede Größe umzuwandeln.</translation>
    </message>
    <message>
        <source>— (measurement only)</source>
        <translation>— (nur Messung)</translation>
    </message>
    <message>
        <source>The EXL2 model is ready to load with exllamav2.</source>
        <translation>Das EXL2-Modell kann mit exllamav2 geladen werden.</translation>
    </message>
    <message>
        <source>%1 (target %2)</source>
        <translation>%1 (Ziel %2)</translation>
    </message>
    <message>
        <source>%1 — above %2: the model may be damaged; try more bits</source>
        <translation>%1 — über %2: das Modell ist womöglich beschädigt; mehr Bits versuchen</translation>
    </message>
</context>
<context>
    <name>exl2::InspectorAllocationChart</name>
    <message>
        <source>Allocated bits per weight by layer</source>
        <translation>Zugeteilte Bits pro Gewicht je Schicht</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Attention bpw</source>
        <translation>Attention-bpw</translation>
    </message>
    <message>
        <source>MLP bpw</source>
        <translation>MLP-bpw</translation>
    </message>
    <message>
        <source>Pinned module</source>
        <translation>Fixiertes Modul</translation>
    </message>
    <message>
        <source>Target bpw</source>
        <translation>Ziel-bpw</translation>
    </message>
</context>
<context>
    <name>exl2::InspectorErrorChart</name>
    <message>
        <source>Expected error by layer</source>
        <translation>Erwarteter Fehler je Schicht</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Expected error (1 - accuracy)</source>
        <translation>Erwarteter Fehler (1 − Genauigkeit)</translation>
    </message>
    <message>
        <source>Attention error</source>
        <translation>Attention-Fehler</translation>
    </message>
    <message>
        <source>MLP error</source>
        <translation>MLP-Fehler</translation>
    </message>
    <message>
        <source>Max error</source>
        <translation>Größter Fehler</translation>
    </message>
</context>
<context>
    <name>exl2::InspectorTable</name>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>bpw</source>
        <translation>bpw</translation>
    </message>
    <message>
        <source>Expected error</source>
        <translation>Erw. Fehler</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Fixiert</translation>
    </message>
    <message>
        <source>#%1: %2 bpw, error %3</source>
        <translation>#%1: %2 bpw, Fehler %3</translation>
    </message>
</context>
<context>
    <name>exl2::InspectorWindow</name>
    <message>
        <source>Allocation inspector</source>
        <translation>Zuteilungs-Inspektor</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Drag to change the target bits per weight</source>
        <translation>Ziehen, um die Ziel-Bits pro Gewicht zu ändern</translation>
    </message>
    <message>
        <source>Target bpw</source>
        <translation>Ziel-bpw</translation>
    </message>
    <message>
        <source> bpw</source>
        <translation> bpw</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Output .safetensors size: decoder layers at the target plus embeddings, norms (fp16) and the head at the head bits</source>
        <translation>Größe der ausgegebenen .safetensors: Decoder-Schichten mit dem Ziel, dazu Einbettungen, Normen (fp16) und der Kopf mit den Kopf-Bits</translation>
    </message>
    <message>
        <source>Output file size</source>
        <translation>Größe der Ausgabedateien</translation>
    </message>
    <message>
        <source>Estimate: file size + fp16 key/value cache for the context length + one 2048-token forward chunk of activations</source>
        <translation>Schätzung: Dateigröße + fp16-Key/Value-Cache für die Kontextlänge + Aktivierungen eines Vorwärtsblocks von 2048 Tokens</translation>
    </message>
    <message>
        <source>VRAM budget</source>
        <translation>VRAM-Bedarf</translation>
    </message>
    <message>
        <source>Context length (VRAM)</source>
        <translation>Kontextlänge (VRAM)</translation>
    </message>
    <message>
        <source>Head bits</source>
        <translation>Kopf-Bits</translation>
    </message>
    <message>
        <source>Clear pins</source>
        <translation>Fixierungen aufheben</translation>
    </message>
    <message>
        <source>Export strategy...</source>
        <translation>Strategie exportieren...</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open measurement...</source>
        <translation>Messung ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>&amp;Export strategy...</source>
        <translation>Strategie &amp;exportieren...</translation>
    </message>
    <message>
        <source>Export allocation as &amp;CSV...</source>
        <translation>Zuteilung als &amp;CSV exportieren...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Allocation inspector - %1</source>
        <translation>Zuteilungs-Inspektor - %1</translation>
    </message>
    <message>
        <source>Achieved %1 bpw (range %2 to %3)
Max error %4, sum(log err) %5
Error norm %6, %7 pinned</source>
        <translation>Erreicht: %1 bpw (Bereich %2 bis %3)
Größter Fehler %4, Summe(log Fehler) %5
Fehlernorm %6, %7 fixiert</translation>
    </message>
    <message>
        <source>Exact optimum of the full norm search (as exl2-convert computes it)</source>
        <translation>Exaktes Optimum der vollständigen Normsuche (wie exl2-convert es berechnet)</translation>
    </message>
    <message>
        <source>No allocation to export: open a measurement first</source>
        <translation>Keine Zuteilung zum Exportieren: Öffnen Sie zuerst eine Messung</translation>
    </message>
    <message>
        <source>The full optimizer search did not finish: %1</source>
        <translation>Die vollständige Optimierersuche wurde nicht beendet: %1</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>Open measurement</source>
        <translation>Messung öffnen</translation>
    </message>
    <message>
        <source>Measurement (*.json)</source>
        <translation>Messung (*.json)</translation>
    </message>
    <message>
        <source>Model folder (optional: cancel to use the measurement alone)</source>
        <translation>Modellordner (optional: Abbrechen, um nur die Messung zu verwenden)</translation>
    </message>
    <message>
        <source>Export strategy</source>
        <translation>Strategie exportieren</translation>
    </message>
    <message>
        <source>Strategy (*.json)</source>
        <translation>Strategie (*.json)</translation>
    </message>
    <message>
        <source>Strategy written to %1: convert with exl2-convert --strategy %1</source>
        <translation>Strategie nach %1 geschrieben: umwandeln mit exl2-convert --strategy %1</translation>
    </message>
    <message>
        <source>Export allocation</source>
        <translation>Zuteilung exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Fast answer: optimum at error norm %1 (%2 ms); refining with the full norm search...</source>
        <translation>Schnelle Antwort: Optimum bei Fehlernorm %1 (%2 ms); die vollständige Normsuche verfeinert sie...</translation>
    </message>
    <message>
        <source>Fast answer: near-optimal at error norm %1 (%2 ms); refining with the full norm search...</source>
        <translation>Schnelle Antwort: nahezu optimal bei Fehlernorm %1 (%2 ms); die vollständige Normsuche verfeinert sie...</translation>
    </message>
</context>
<context>
    <name>exl2::MeasurementPage</name>
    <message>
        <source>Measurement</source>
        <translation>Messung</translation>
    </message>
    <message>
        <source>The converter first measures how much error each layer takes at each bit width, then spends the bits where they matter. A measurement can be saved and reused for other targets.</source>
        <translation>Der Konverter misst zuerst, wie viel Fehler jede Schicht bei jeder Bitbreite erleidet, und verteilt die Bits dann dorthin, wo sie zählen. Eine Messung kann gespeichert und für andere Ziele wiederverwendet werden.</translation>
    </message>
    <message>
        <source>&amp;Convert</source>
        <translation>&amp;Umwandeln</translation>
    </message>
    <message>
        <source>&amp;Measure now (recommended for a new model)</source>
        <translation>Jetzt &amp;messen (empfohlen für ein neues Modell)</translation>
    </message>
    <message>
        <source>Re&amp;use a measurement file:</source>
        <translation>Messdatei &amp;wiederverwenden:</translation>
    </message>
    <message>
        <source>Measure &amp;only, and save the measurement to:</source>
        <translation>&amp;Nur messen und die Messung speichern unter:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>a measurement.json file or a folder</source>
        <translation>eine measurement.json-Datei oder ein Ordner</translation>
    </message>
    <message>
        <source>Choose a measurement</source>
        <translation>Messung wählen</translation>
    </message>
    <message>
        <source>Measurement (*.json)</source>
        <translation>Messung (*.json)</translation>
    </message>
    <message>
        <source>Save the measurement as</source>
        <translation>Messung speichern unter</translation>
    </message>
    <message>
        <source>Choose an existing measurement.json to reuse.</source>
        <translation>Wählen Sie eine vorhandene measurement.json zur Wiederverwendung.</translation>
    </message>
    <message>
        <source>Choose where to save the measurement.</source>
        <translation>Wählen Sie, wo die Messung gespeichert wird.</translation>
    </message>
</context>
<context>
    <name>exl2::ModelPage</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Choose the Hugging Face model folder to convert (config.json and *.safetensors), or try the built-in demo model.</source>
        <translation>Wählen Sie den Hugging-Face-Modellordner (config.json und *.safetensors) oder probieren Sie das eingebaute Demomodell.</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>A folder with config.json and the model&apos;s .safetensors files</source>
        <translation>Ein Ordner mit config.json und den .safetensors-Dateien des Modells</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Use the &amp;demo model</source>
        <translation>&amp;Demomodell verwenden</translation>
    </message>
    <message>
        <source>A tiny generated Llama model: converts in seconds on any computer</source>
        <translation>Ein winziges erzeugtes Llama-Modell: auf jedem Rechner in Sekunden umgewandelt</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>Automatisch (%1)</translation>
    </message>
    <message>
        <source>%1 — unavailable: %2</source>
        <translation>%1 — nicht verfügbar: %2</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architektur:</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>Größe auf der Festplatte:</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
    <message>
        <source>RoPE:</source>
        <translation>RoPE:</translation>
    </message>
    <message>
        <source>Memory needed:</source>
        <translation>Speicherbedarf:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>Could not read the model folder: %1</source>
        <translation>Der Modellordner konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not write the demo model: %1</source>
        <translation>Das Demomodell konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>%1 layers, hidden size %2, %3 heads (%4 KV), vocabulary %5, %6 parameters</source>
        <translation>%1 Schichten, Breite %2, %3 Köpfe (%4 KV), Vokabular %5, %6 Parameter</translation>
    </message>
    <message>
        <source>about %1 RAM, %2 on the device (for %3 calibration rows of %4 tokens)</source>
        <translation>etwa %1 RAM, %2 auf dem Gerät (für %3 Kalibrierzeilen mit je %4 Tokens)</translation>
    </message>
</context>
<context>
    <name>exl2::PerplexityChart</name>
    <message>
        <source>Calibration perplexity</source>
        <translation>Kalibrier-Perplexität</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Messung</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Threshold (%1)</source>
        <translation>Schwelle (%1)</translation>
    </message>
</context>
<context>
    <name>exl2::RunPage</name>
    <message>
        <source>Converting</source>
        <translation>Umwandlung</translation>
    </message>
    <message>
        <source>Pause or cancel at any time: the job folder stays consistent and can be resumed.</source>
        <translation>Jederzeit pausieren oder abbrechen: der Auftragsordner bleibt konsistent und kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>&amp;Error per module</source>
        <translation>&amp;Fehler je Modul</translation>
    </message>
    <message>
        <source>Bits per &amp;layer</source>
        <translation>Bits je &amp;Schicht</translation>
    </message>
    <message>
        <source>Per&amp;plexity</source>
        <translation>&amp;Perplexität</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>C&amp;ancel job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>F&amp;ortsetzen</translation>
    </message>
    <message>
        <source>Change &amp;settings</source>
        <translation>&amp;Einstellungen ändern</translation>
    </message>
    <message>
        <source>Back to the first page, keeping every setting</source>
        <translation>Zurück zur ersten Seite, alle Einstellungen bleiben erhalten</translation>
    </message>
    <message>
        <source>The previous job is still stopping; try again in a moment.</source>
        <translation>Der vorige Auftrag hält noch an; gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>Wird fortgesetzt…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Pausing at the next safe point…</source>
        <translation>Pause am nächsten sicheren Punkt…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelling at the next safe point…</source>
        <translation>Abbruch am nächsten sicheren Punkt…</translation>
    </message>
    <message>
        <source>Time left in this stage: about %1</source>
        <translation>Restzeit in diesem Schritt: etwa %1</translation>
    </message>
    <message>
        <source>Measurement finished.</source>
        <translation>Messung abgeschlossen.</translation>
    </message>
    <message>
        <source>Conversion finished.</source>
        <translation>Umwandlung abgeschlossen.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>%1. The job folder can be resumed: press Resume, or run the wizard again later with the same output folder.</source>
        <translation>%1. Der Auftragsordner kann fortgesetzt werden: Fortsetzen drücken oder den Assistenten später mit demselben Ausgabeordner erneut ausführen.</translation>
    </message>
    <message>
        <source>The conversion failed: %1</source>
        <translation>Die Umwandlung ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>exl2::StudioWindow</name>
    <message>
        <source>Measurements (*.json);;All files (*)</source>
        <translation>Messungen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>EXL2 Studio</source>
        <translation>EXL2 Studio</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New conversion…</source>
        <translation>&amp;Neue Umwandlung…</translation>
    </message>
    <message>
        <source>&amp;Open measurement…</source>
        <translation>Messung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Compare measurements…</source>
        <translation>Messungen &amp;vergleichen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About EXL2 Studio</source>
        <translation>Ü&amp;ber EXL2 Studio</translation>
    </message>
    <message>
        <source>&lt;h2&gt;EXL2 Studio&lt;/h2&gt;&lt;p&gt;Convert Hugging Face models to EXL2, inspect how a measurement allocates the bits, and compare measurements.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;EXL2 Studio&lt;/h2&gt;&lt;p&gt;Hugging-Face-Modelle nach EXL2 umwandeln, untersuchen, wie eine Messung die Bits verteilt, und Messungen vergleichen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New conversion…</source>
        <translation>Neue Umwandlung…</translation>
    </message>
    <message>
        <source>Open measurement…</source>
        <translation>Messung öffnen…</translation>
    </message>
    <message>
        <source>Compare measurements…</source>
        <translation>Messungen vergleichen…</translation>
    </message>
    <message>
        <source>Recent measurements (double-click to open):</source>
        <translation>Zuletzt verwendete Messungen (Doppelklick öffnet):</translation>
    </message>
    <message>
        <source>Removed from the recent list, no longer there: %1</source>
        <translation>Aus der Liste entfernt, da nicht mehr vorhanden: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Conversion wizard opened</source>
        <translation>Umwandlungsassistent geöffnet</translation>
    </message>
    <message>
        <source>Open measurement</source>
        <translation>Messung öffnen</translation>
    </message>
    <message>
        <source>Could not open %1:
%2</source>
        <translation>%1 konnte nicht geöffnet werden:
%2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Compare measurements</source>
        <translation>Messungen vergleichen</translation>
    </message>
    <message>
        <source>Choose two or more measurement files to compare.</source>
        <translation>Wählen Sie zwei oder mehr Messdateien zum Vergleichen.</translation>
    </message>
    <message>
        <source>Compare measurements (choose two or more)</source>
        <translation>Messungen vergleichen (zwei oder mehr wählen)</translation>
    </message>
    <message>
        <source>The language changes when EXL2 Studio is started again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von EXL2 Studio.</translation>
    </message>
    <message>
        <source>About EXL2 Studio</source>
        <translation>Über EXL2 Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;EXL2 Studio %1&lt;/h3&gt;&lt;p&gt;Converts Hugging Face language models to exllamav2&apos;s EXL2 format, and shows what the conversion does: the measurement, the allocation of bits per layer, and the error it costs.&lt;/p&gt;&lt;p&gt;Command-line tools: exl2-convert, exl2-tool.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EXL2 Studio %1&lt;/h3&gt;&lt;p&gt;Wandelt Hugging-Face-Sprachmodelle in das EXL2-Format von exllamav2 um und zeigt, was die Umwandlung bewirkt: die Messung, die Verteilung der Bits auf die Schichten und den Fehler, den sie kostet.&lt;/p&gt;&lt;p&gt;Kommandozeilenwerkzeuge: exl2-convert, exl2-tool.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Convert Hugging Face models to EXL2, inspect and compare measurements.</source>
        <translation>Hugging-Face-Modelle nach EXL2 umwandeln, Messungen untersuchen und vergleichen.</translation>
    </message>
    <message>
        <source>Compare the measurement files given (two or more).</source>
        <translation>Die angegebenen Messdateien vergleichen (zwei oder mehr).</translation>
    </message>
    <message>
        <source>Model folder: preselected in the wizard, or the sizes for the inspector.</source>
        <translation>Modellordner: im Assistenten vorausgewählt, oder die Größen für den Inspektor.</translation>
    </message>
    <message>
        <source>Wizard: preselect the built-in demo model.</source>
        <translation>Assistent: das eingebaute Demomodell vorauswählen.</translation>
    </message>
    <message>
        <source>Wizard: preselect the output folder.</source>
        <translation>Assistent: den Ausgabeordner vorauswählen.</translation>
    </message>
    <message>
        <source>Wizard: preselect the target bits per weight.</source>
        <translation>Assistent: die Ziel-Bits pro Gewicht vorauswählen.</translation>
    </message>
    <message>
        <source>Wizard: calibration rows (both passes).</source>
        <translation>Assistent: Kalibrierzeilen (beide Durchläufe).</translation>
    </message>
    <message>
        <source>Wizard: calibration row length in tokens (both passes).</source>
        <translation>Assistent: Länge der Kalibrierzeilen in Tokens (beide Durchläufe).</translation>
    </message>
    <message>
        <source>Wizard: convert with this allocation (exported by the inspector).</source>
        <translation>Assistent: mit dieser Zuteilung umwandeln (vom Inspektor exportiert).</translation>
    </message>
    <message>
        <source>Language: de, zh_CN or en (saved).</source>
        <translation>Sprache: de, zh_CN oder en (wird gespeichert).</translation>
    </message>
    <message>
        <source>light or dark (saved).</source>
        <translation>light oder dark (wird gespeichert).</translation>
    </message>
    <message>
        <source>Wizard: open at a page: model, calibration, target, measurement, run, finish.</source>
        <translation>Assistent: auf einer Seite öffnen: model, calibration, target, measurement, run, finish.</translation>
    </message>
    <message>
        <source>Save a PNG of the window opened, then quit.</source>
        <translation>Ein PNG des geöffneten Fensters speichern, dann beenden.</translation>
    </message>
    <message>
        <source>Wizard: run a scripted stand-in job (screenshots, demos).</source>
        <translation>Assistent: einen geskripteten Ersatzauftrag ausführen (Bildschirmfotos, Vorführungen).</translation>
    </message>
    <message>
        <source>Open in the inspector (with --compare: the files to compare; with wizard options: reuse it).</source>
        <translation>Im Inspektor öffnen (mit --compare: die zu vergleichenden Dateien; mit Assistent-Optionen: wiederverwenden).</translation>
    </message>
    <message>
        <source>--bits expects a positive number of bits per weight, not &apos;%1&apos;</source>
        <translation>--bits erwartet eine positive Zahl von Bits pro Gewicht, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--%1 expects a positive whole number, not &apos;%2&apos;</source>
        <translation>--%1 erwartet eine positive ganze Zahl, nicht &apos;%2&apos;</translation>
    </message>
    <message>
        <source>unknown --page &apos;%1&apos; (expected one of: %2)</source>
        <translation>unbekannte --page &apos;%1&apos; (erwartet eine von: %2)</translation>
    </message>
    <message>
        <source>--theme expects light or dark, not &apos;%1&apos;</source>
        <translation>--theme erwartet light oder dark, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--compare takes only measurement files (and --lang, --theme, --screenshot)</source>
        <translation>--compare nimmt nur Messdateien (und --lang, --theme, --screenshot)</translation>
    </message>
    <message>
        <source>--compare needs two or more measurement files, got %1</source>
        <translation>--compare braucht zwei oder mehr Messdateien, erhalten: %1</translation>
    </message>
    <message>
        <source>the wizard reuses one measurement file, got %1</source>
        <translation>der Assistent verwendet eine Messdatei wieder, erhalten: %1</translation>
    </message>
    <message>
        <source>give --compare to compare %1 measurement files</source>
        <translation>geben Sie --compare an, um %1 Messdateien zu vergleichen</translation>
    </message>
</context>
<context>
    <name>exl2::TargetPage</name>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>How small the converted model should be, and where it goes.</source>
        <translation>Wie klein das umgewandelte Modell werden soll und wohin es kommt.</translation>
    </message>
    <message>
        <source> bpw</source>
        <translation> bpw</translation>
    </message>
    <message>
        <source>Override RoPE scale:</source>
        <translation>RoPE-Skalierung überschreiben:</translation>
    </message>
    <message>
        <source>NTK alpha:</source>
        <translation>NTK-Alpha:</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Output (working) folder</source>
        <translation>Ausgabe-(Arbeits-)ordner</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Resume the job in this folder (otherwise start over, deleting only the files a job wrote)</source>
        <translation>Auftrag in diesem Ordner &amp;fortsetzen (sonst neu beginnen und nur die Dateien löschen, die ein Auftrag schrieb)</translation>
    </message>
    <message>
        <source>&amp;Bits per weight:</source>
        <translation>&amp;Bits pro Gewicht:</translation>
    </message>
    <message>
        <source>&amp;Head bits:</source>
        <translation>&amp;Kopf-Bits:</translation>
    </message>
    <message>
        <source>RoPE:</source>
        <translation>RoPE:</translation>
    </message>
    <message>
        <source>&amp;Shard size:</source>
        <translation>&amp;Teilgröße:</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>&amp;Ausgabeordner:</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Ausgabeordner wählen</translation>
    </message>
    <message>
        <source>A target of %1 bits per weight will likely not be attainable: EXL2 options range from about 2 to 8 bits.</source>
        <translation>Ein Ziel von %1 Bits pro Gewicht ist wahrscheinlich nicht erreichbar: EXL2-Optionen reichen von etwa 2 bis 8 Bits.</translation>
    </message>
    <message>
        <source>config.json already applies %1 RoPE scaling (factor %2): an override on top scales the positions twice during calibration.</source>
        <translation>config.json wendet bereits %1-RoPE-Skalierung an (Faktor %2): eine zusätzliche Überschreibung skaliert die Positionen bei der Kalibrierung doppelt.</translation>
    </message>
    <message>
        <source>config.json declares %1 RoPE scaling (factor %2); calibration uses it as is, no override needed.</source>
        <translation>config.json deklariert %1-RoPE-Skalierung (Faktor %2); die Kalibrierung nutzt sie unverändert, keine Überschreibung nötig.</translation>
    </message>
    <message>
        <source>This folder holds a conversion job.</source>
        <translation>Dieser Ordner enthält einen Umwandlungsauftrag.</translation>
    </message>
    <message>
        <source>The output folder is not empty; its files are kept, and files of the same name are replaced.</source>
        <translation>Der Ausgabeordner ist nicht leer; seine Dateien bleiben erhalten, gleichnamige Dateien werden ersetzt.</translation>
    </message>
    <message>
        <source>Optional: an allocation exported by the inspector (strategy .json)</source>
        <translation>Optional: eine vom Inspektor exportierte Zuteilung (Strategie-.json)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>S&amp;trategy file:</source>
        <translation>S&amp;trategiedatei:</translation>
    </message>
    <message>
        <source>Choose a strategy file</source>
        <translation>Strategiedatei wählen</translation>
    </message>
    <message>
        <source>Strategy (*.json);;All files (*)</source>
        <translation>Strategie (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The allocation comes from the strategy (%1 modules): %2 bits per weight in the decoder layers. The target above is not used.</source>
        <translation>Die Zuteilung stammt aus der Strategie (%1 Module): %2 Bits pro Gewicht in den Decoder-Schichten. Das obige Ziel wird nicht verwendet.</translation>
    </message>
    <message>
        <source>The allocation comes from the strategy (%1 modules); the target above is not used.</source>
        <translation>Die Zuteilung stammt aus der Strategie (%1 Module); das obige Ziel wird nicht verwendet.</translation>
    </message>
    <message>
        <source>%1: not a strategy file (%2)</source>
        <translation>%1: keine Strategiedatei (%2)</translation>
    </message>
</context>
</TS>
