<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CellDiagram</name>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="747"/>
        <source>gates</source>
        <extracomment>The nodes whose value text :meth:`CellDiagram.node_text` reports. Text shown where there is no value (the gates at t = 0).</extracomment>
        <translation>门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="748"/>
        <source>values</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="749"/>
        <source>saturates at ±1; C at ±{c_range}, x at ±{x_range}</source>
        <translation>在 ±1 处饱和；C 在 ±{c_range}，x 在 ±{x_range}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1197"/>
        <source>C_{t-1}</source>
        <translation>C_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1198"/>
        <source>h_{t-1}</source>
        <translation>h_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1199"/>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1200"/>
        <source>C_t</source>
        <translation>C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1201"/>
        <source>h_t</source>
        <translation>h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1202"/>
        <source>forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1203"/>
        <source>input gate i_t</source>
        <translation>输入门 i_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1204"/>
        <source>candidate C̃_t</source>
        <translation>候选记忆 C̃_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1205"/>
        <source>output gate o_t</source>
        <translation>输出门 o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1210"/>
        <source>h_t (output)</source>
        <translation>h_t（输出）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1211"/>
        <source>f_t ⊙ C_{t-1}</source>
        <translation>f_t ⊙ C_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1212"/>
        <source>i_t ⊙ g_t</source>
        <translation>i_t ⊙ g_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1213"/>
        <source>tanh(C_t)</source>
        <translation>tanh(C_t)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1214"/>
        <source>o_t ⊙ tanh(C_t)</source>
        <translation>o_t ⊙ tanh(C_t)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1215"/>
        <source>[h_{t-1}, x_t]</source>
        <translation>[h_{t-1}, x_t]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1216"/>
        <source>cell state C — long-term memory</source>
        <translation>细胞状态 C —— 长期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1217"/>
        <source>hidden state h — short-term memory</source>
        <translation>隐藏状态 h —— 短期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1224"/>
        <source>t = 0 (initial state)</source>
        <translation>t = 0（初始状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1225"/>
        <source>t = {t}</source>
        <translation>t = {t}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1226"/>
        <source>unit {j} of H = {hidden}</source>
        <translation>单元 {j}（共 H = {hidden} 个）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1227"/>
        <source>‖x‖ = {norm}</source>
        <translation>‖x‖ = {norm}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1228"/>
        <source>no step computed yet (t = 0)</source>
        <translation>尚未计算任何时间步（t = 0）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1229"/>
        <source>C_0 = {v} (initial cell state)</source>
        <translation>C_0 = {v}（初始细胞状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1230"/>
        <source>h_0 = {v} (initial hidden state)</source>
        <translation>h_0 = {v}（初始隐藏状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1231"/>
        <source>(the state after step {k})</source>
        <translation>（第 {k} 步之后的状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1232"/>
        <source>step t = {t}</source>
        <translation>时间步 t = {t}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1235"/>
        <source>forget gate f_t — how much of C_{t-1} is kept</source>
        <translation>遗忘门 f_t —— C_{t-1} 保留多少</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1236"/>
        <source>input gate i_t — how much of the candidate is written into C_t</source>
        <translation>输入门 i_t —— 候选记忆有多少写入 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1237"/>
        <source>candidate C̃_t — new content proposed for the cell state</source>
        <translation>候选记忆 C̃_t —— 为细胞状态提出的新内容</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1238"/>
        <source>output gate o_t — how much of tanh(C_t) is exposed as h_t</source>
        <translation>输出门 o_t —— tanh(C_t) 有多少作为 h_t 输出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1239"/>
        <source>cell state C_t — long-term memory</source>
        <translation>细胞状态 C_t —— 长期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1240"/>
        <source>hidden state h_t — short-term memory and the output</source>
        <translation>隐藏状态 h_t —— 短期记忆，也是输出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1241"/>
        <source>cell state C_{t-1} from the previous step</source>
        <translation>上一步的细胞状态 C_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1242"/>
        <source>hidden state h_{t-1} from the previous step</source>
        <translation>上一步的隐藏状态 h_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1243"/>
        <source>input x_t</source>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1244"/>
        <source>the part of the old cell state that is kept</source>
        <translation>旧细胞状态中被保留的部分</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1245"/>
        <source>the new content written into the cell state</source>
        <translation>写入细胞状态的新内容</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1246"/>
        <source>the cell state squashed into −1 … 1</source>
        <translation>压缩到 −1 … 1 之间的细胞状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1247"/>
        <source>the exposed part of the cell state: h_t</source>
        <translation>细胞状态中被输出的部分：h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1250"/>
        <source>f_t = σ(W_f·[h_{t-1}, x_t] + b_f)</source>
        <translation>f_t = σ(W_f·[h_{t-1}, x_t] + b_f)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1251"/>
        <source>i_t = σ(W_i·[h_{t-1}, x_t] + b_i)</source>
        <translation>i_t = σ(W_i·[h_{t-1}, x_t] + b_i)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1252"/>
        <source>C̃_t = g_t = tanh(W_g·[h_{t-1}, x_t] + b_g)</source>
        <translation>C̃_t = g_t = tanh(W_g·[h_{t-1}, x_t] + b_g)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1253"/>
        <source>o_t = σ(W_o·[h_{t-1}, x_t] + b_o)</source>
        <translation>o_t = σ(W_o·[h_{t-1}, x_t] + b_o)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1254"/>
        <source>C_t = f_t·C_{t-1} + i_t·g_t</source>
        <translation>C_t = f_t·C_{t-1} + i_t·g_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram.py" line="1255"/>
        <source>h_t = o_t·tanh(C_t)</source>
        <translation>h_t = o_t·tanh(C_t)</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="49"/>
        <source>What to look at</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="51"/>
        <source>Compare with a vanilla RNN</source>
        <translation>与普通 RNN 对比</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="53"/>
        <source>Run an RNN of the same input and hidden size on the same sequence</source>
        <translation>在同一序列上运行一个输入维度和隐藏维度都相同的 RNN</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="56"/>
        <source>Clip RNN gradient norm at</source>
        <translation>将 RNN 梯度范数裁剪至</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="58"/>
        <source>Gradient-norm clipping, the standard remedy for exploding gradients</source>
        <translation>梯度范数裁剪：应对梯度爆炸的标准方法</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="64"/>
        <source>Clipping threshold</source>
        <translation>裁剪阈值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="68"/>
        <source>Largest singular value of W_hh</source>
        <translation>W_hh 的最大奇异值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="95"/>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="97"/>
        <source>How far back the loss at step t reaches</source>
        <translation>第 t 步的损失能回传多远</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="99"/>
        <source>factor per step</source>
        <translation>每步乘数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="100"/>
        <source>lag t − k (steps back from t)</source>
        <translation>间隔 t − k（从 t 往回的步数）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="102"/>
        <source>The mechanism: what each step back multiplies the gradient by</source>
        <translation>机制：每回传一步，梯度要乘以什么</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="128"/>
        <source>LSTM ∏ f (t back to k)</source>
        <translation>LSTM ∏ f（从 t 回到 k）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="160"/>
        <source>Turn on the comparison, pick a scenario in the Scenarios menu, and step: the top plot shows how much of the gradient of the loss at step t reaches each earlier step k; the bottom plot shows why.</source>
        <translation>打开对比，在“场景”菜单中选一个场景，然后单步执行：上图显示第 t 步损失的梯度有多少能传到之前的每个时间步 k；下图说明其中的原因。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="222"/>
        <source>RNN: σ_max(W_hh) = {s:.3f} ({kind}; dashed line below)</source>
        <translation>RNN：σ_max(W_hh) = {s:.3f}（{kind}；见下图虚线）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="224"/>
        <source>&lt; 1: gradients vanish</source>
        <translation>&lt; 1：梯度消失</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="226"/>
        <source>&gt; 1: gradients can explode</source>
        <translation>&gt; 1：梯度可能爆炸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="239"/>
        <source>RNN comparison is off</source>
        <translation>RNN 对比已关闭</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/compare.py" line="251"/>
        <source>How far back the loss at step t = {t} reaches ({loss})</source>
        <translation>第 t = {t} 步的损失能回传多远（{loss}）</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="76"/>
        <source>Import table — {name}</source>
        <translation>导入表格 —— {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="84"/>
        <source>Choose the role of each column: &lt;b&gt;inputs&lt;/b&gt; x_t feed the cell, &lt;b&gt;targets&lt;/b&gt; y_t are what it should predict (optional). One row is one time step.</source>
        <translation>为每一列选择角色：&lt;b&gt;输入&lt;/b&gt; x_t 送入记忆单元，&lt;b&gt;目标&lt;/b&gt; y_t 是它应当预测的值（可选）。每一行是一个时间步。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="91"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="93"/>
        <source>comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="94"/>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="95"/>
        <source>semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="96"/>
        <source>bar ( | )</source>
        <translation>竖线（ | ）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="97"/>
        <source>spaces</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="100"/>
        <source>First line holds the column names</source>
        <translation>第一行是列名</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="102"/>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="110"/>
        <source>Preview of the first rows</source>
        <translation>前几行的预览</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="120"/>
        <source>Chosen columns</source>
        <translation>已选的列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="193"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="196"/>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="197"/>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="198"/>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="206"/>
        <source>Role of column {name}</source>
        <translation>列 {name} 的角色</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="209"/>
        <source>No number in the first rows: a text column</source>
        <translation>前几行中没有数字：这是一个文本列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="244"/>
        <source>Inputs (D = {d}): {names}</source>
        <translation>输入（D = {d}）：{names}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="247"/>
        <source>Targets (P = {p}): {names}</source>
        <translation>目标（P = {p}）：{names}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="250"/>
        <source>The first {n} rows are shown; more follow.</source>
        <translation>显示前 {n} 行；后面还有更多。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="252"/>
        <source>All {n} rows are shown.</source>
        <translation>已显示全部 {n} 行。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="257"/>
        <source>Choose at least one input column.</source>
        <translation>请至少选择一个输入列。</translation>
    </message>
</context>
<context>
    <name>EquationsPanel</name>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="48"/>
        <source>Equations of the current step</source>
        <translation>当前时间步的方程</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="68"/>
        <source>t = 0: the initial state, before any input.</source>
        <translation>t = 0：初始状态，尚无任何输入。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="71"/>
        <source>Press Step (→) to compute step 1.</source>
        <translation>按“单步”（→）计算第 1 步。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="100"/>
        <source>ŷ_t = W_y·h_t + b_y (read-out)</source>
        <translation>ŷ_t = W_y·h_t + b_y（读出层）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="107"/>
        <source>target y_t = {y}</source>
        <translation>目标 y_t = {y}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="114"/>
        <location filename="../../lstm_sim/gui/equations.py" line="120"/>
        <source>Step t = {t} of {T}, unit {j}</source>
        <translation>时间步 t = {t} / {T}，单元 {j}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="438"/>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="439"/>
        <source>SVG vector drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="440"/>
        <source>CSV data (the curves&apos; values)</source>
        <translation>CSV 数据（曲线的数值）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="445"/>
        <source>Plot panel</source>
        <translation>绘图面板</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="451"/>
        <source>Panel:</source>
        <translation>面板：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="453"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="456"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="458"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="461"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="461"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="463"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="467"/>
        <source>Keep the aspect ratio</source>
        <translation>保持宽高比</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="470"/>
        <source>Another aspect ratio stretches the picture (text included)</source>
        <translation>改变宽高比会拉伸图像（包括文字）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="479"/>
        <source>Device pixel ratio</source>
        <translation>设备像素比</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="482"/>
        <source>Pixels per logical pixel: 2 gives sharp lines and text on high-DPI screens and slides</source>
        <translation>每个逻辑像素对应的像素数：取 2 可在高分辨率屏幕和幻灯片上得到清晰的线条和文字</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="496"/>
        <source>Logical size:</source>
        <translation>逻辑尺寸：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="499"/>
        <source>2 or more: sharp on high-DPI screens and slides</source>
        <translation>2 或更大：在高分辨率屏幕和幻灯片上清晰</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="503"/>
        <source>Pixel ratio:</source>
        <translation>像素比：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="504"/>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="507"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="511"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="517"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="587"/>
        <source>{w} × {h} pixels</source>
        <translation>{w} × {h} 像素</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="589"/>
        <source>vector drawing, {w} × {h}</source>
        <translation>矢量图，{w} × {h}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="591"/>
        <source>the data of every curve (x and y columns)</source>
        <translation>每条曲线的数据（x 列和 y 列）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="606"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="608"/>
        <source>{label} (*{suffix})</source>
        <translation>{label} (*{suffix})</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="317"/>
        <source>&amp;Open…</source>
        <extracomment>Entries kept in File ▸ Open Recent. Suffixes read as tables (the CSV import dialog asks for the columns).</extracomment>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="319"/>
        <source>Open a sequence: CSV/TSV, NPY, NPZ, JSON or plain text</source>
        <translation>打开序列：CSV/TSV、NPY、NPZ、JSON 或纯文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="323"/>
        <source>Open &amp;Weights…</source>
        <translation>打开权重(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="325"/>
        <source>Load trained weights: PyTorch, Keras or lstm-sim files</source>
        <translation>加载训练好的权重：PyTorch、Keras 或 lstm-sim 文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="328"/>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="328"/>
        <source>Open a saved lstm-sim session</source>
        <translation>打开已保存的 lstm-sim 会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="330"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="333"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="335"/>
        <source>Save the session: sequence, weights, step and settings</source>
        <translation>保存会话：序列、权重、当前时间步和设置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="339"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="339"/>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="345"/>
        <source>Save W&amp;eights…</source>
        <translation>保存权重(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="347"/>
        <source>Save the cell&apos;s weights (and read-out) as .npz, .json or .safetensors</source>
        <translation>将记忆单元的权重（及读出层）保存为 .npz、.json 或 .safetensors</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="349"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="351"/>
        <source>&amp;Plots (all panels)…</source>
        <translation>图表（全部面板）(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="353"/>
        <source>All plot panels as PNG, SVG or CSV</source>
        <translation>将所有绘图面板导出为 PNG、SVG 或 CSV</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="356"/>
        <source>Current plot &amp;panel…</source>
        <translation>当前绘图面板(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="358"/>
        <source>One plot panel as PNG, SVG or CSV</source>
        <translation>将一个绘图面板导出为 PNG、SVG 或 CSV</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="361"/>
        <source>Cell &amp;diagram…</source>
        <translation>记忆单元示意图(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="363"/>
        <source>The memory-cell diagram as PNG or SVG</source>
        <translation>将记忆单元示意图导出为 PNG 或 SVG</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="366"/>
        <source>&amp;Trace (CSV / NPZ)…</source>
        <translation>运行轨迹（CSV / NPZ）(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="368"/>
        <source>Every step: inputs, targets, gates, C, h and gradient norms</source>
        <translation>每个时间步的输入、目标、门、C、h 和梯度范数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="414"/>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="439"/>
        <source>Busy with another file: wait for it or cancel it</source>
        <translation>正在处理另一个文件：请等待其完成或将其取消</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="495"/>
        <source>Cancelled: nothing was changed</source>
        <translation>已取消：没有做任何更改</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="500"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="504"/>
        <location filename="../../lstm_sim/gui/files.py" line="773"/>
        <location filename="../../lstm_sim/gui/files.py" line="913"/>
        <source>Cannot save the file</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="550"/>
        <source>All supported files ({patterns})</source>
        <translation>所有支持的文件 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="554"/>
        <location filename="../../lstm_sim/gui/files.py" line="788"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="560"/>
        <source>CSV table</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="561"/>
        <source>NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="562"/>
        <source>NumPy arrays</source>
        <translation>NumPy 数组集</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="563"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="564"/>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="565"/>
        <source>safetensors</source>
        <translation>safetensors</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="566"/>
        <source>PyTorch state dict</source>
        <translation>PyTorch 状态字典</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="567"/>
        <source>Keras weights</source>
        <translation>Keras 权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="582"/>
        <source>Open sequence</source>
        <translation>打开序列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="605"/>
        <location filename="../../lstm_sim/gui/files.py" line="679"/>
        <location filename="../../lstm_sim/gui/files.py" line="698"/>
        <location filename="../../lstm_sim/gui/files.py" line="801"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="614"/>
        <source>Different input size</source>
        <translation>输入维度不同</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="616"/>
        <source>{name} has D = {d} inputs per step, but the cell takes D = {D}.

Re-initialise the input weights W_ih for {d} inputs? The number of units H = {H}, the recurrent weights W_hh and the biases are kept.</source>
        <translation>{name} 每步有 D = {d} 个输入，而记忆单元需要 D = {D}。

要为 {d} 个输入重新初始化输入权重 W_ih 吗？单元数 H = {H}、循环权重 W_hh 和偏置都保持不变。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="629"/>
        <source>Not opened: the session is unchanged</source>
        <translation>未打开：会话保持不变</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="651"/>
        <source>Opened {name}: T = {T} steps, D = {d} inputs, P = {p} targets</source>
        <translation>已打开 {name}：T = {T} 步，D = {d} 个输入，P = {p} 个目标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="669"/>
        <source>Open weights</source>
        <translation>打开权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="711"/>
        <source>the weights take {a} input(s) per step, but the sequence has {b}</source>
        <translation>权重每步需要 {a} 个输入，而序列每步有 {b} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="729"/>
        <source>; its read-out gives {a} outputs but the sequence has {b} targets: not used</source>
        <translation>；其读出层给出 {a} 个输出，而序列有 {b} 个目标：未使用读出层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="745"/>
        <source>Loaded weights from {name}: D = {d}, H = {h}</source>
        <translation>已从 {name} 加载权重：D = {d}，H = {h}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="759"/>
        <source>Save weights</source>
        <translation>保存权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="776"/>
        <source>Saved the weights to {name}</source>
        <translation>已将权重保存到 {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="787"/>
        <source>lstm-sim sessions (*{suffix} *.json)</source>
        <translation>lstm-sim 会话 (*{suffix} *.json)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="791"/>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="818"/>
        <source>the read-out gives {a} outputs, the sequence has {b} targets</source>
        <translation>读出层给出 {a} 个输出，而序列有 {b} 个目标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="847"/>
        <source>Opened the session {name}</source>
        <translation>已打开会话 {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="878"/>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="880"/>
        <source>lstm-sim sessions (*{suffix})</source>
        <translation>lstm-sim 会话 (*{suffix})</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="906"/>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="922"/>
        <source>Saving {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="929"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="932"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="933"/>
        <source>The session “{name}” has unsaved changes. Save them?</source>
        <translation>会话“{name}”有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="999"/>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1000"/>
        <source>{path} no longer exists; it was removed from the recent files.</source>
        <translation>{path} 已不存在；已将其从最近打开的文件中移除。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1020"/>
        <source>(no recent files)</source>
        <translation>（没有最近打开的文件）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1024"/>
        <source>&amp;Clear the list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1040"/>
        <source>Inputs x_t and targets y_t</source>
        <translation>输入 x_t 与目标 y_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1041"/>
        <source>Gates f_t, i_t, o_t</source>
        <translation>门 f_t、i_t、o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1042"/>
        <source>Cell state C_t</source>
        <translation>细胞状态 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1043"/>
        <source>Hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1044"/>
        <source>Gradient norms ‖∂L/∂C_k‖, ‖∂L/∂h_k‖</source>
        <translation>梯度范数 ‖∂L/∂C_k‖、‖∂L/∂h_k‖</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1063"/>
        <source>Export all plot panels</source>
        <translation>导出所有绘图面板</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1084"/>
        <source>Export a plot panel</source>
        <translation>导出一个绘图面板</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1104"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1119"/>
        <source>lstm-sim plots</source>
        <translation>lstm-sim 图表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1132"/>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1188"/>
        <source>Export the cell diagram</source>
        <translation>导出记忆单元示意图</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1202"/>
        <source>LSTM memory cell</source>
        <translation>LSTM 记忆单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1217"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1218"/>
        <source>NumPy arrays (*.npz)</source>
        <translation>NumPy 数组 (*.npz)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1221"/>
        <source>Export the trace</source>
        <translation>导出运行轨迹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1255"/>
        <source>Exporting the trace to {name}…</source>
        <translation>正在将运行轨迹导出到 {name}…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1311"/>
        <source>Export this plot…</source>
        <translation>导出此图…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files.py" line="1312"/>
        <source>Export all plots…</source>
        <translation>导出所有图…</translation>
    </message>
</context>
<context>
    <name>FileFormats</name>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="190"/>
        <location filename="../../lstm_sim/io/sequences.py" line="426"/>
        <source>CSV table</source>
        <extracomment>Characters × vocabulary above which a text file is refused (two float64 one-hot arrays).</extracomment>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="259"/>
        <location filename="../../lstm_sim/io/sequences.py" line="440"/>
        <source>NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="270"/>
        <location filename="../../lstm_sim/io/sequences.py" line="453"/>
        <location filename="../../lstm_sim/io/weights.py" line="116"/>
        <location filename="../../lstm_sim/io/weights.py" line="541"/>
        <source>NumPy arrays</source>
        <extracomment>A read-out (W_y of shape (P, H), b_y of shape (P,)).</extracomment>
        <translation>NumPy 数组集</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="357"/>
        <location filename="../../lstm_sim/io/sequences.py" line="482"/>
        <location filename="../../lstm_sim/io/weights.py" line="125"/>
        <location filename="../../lstm_sim/io/weights.py" line="549"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="371"/>
        <location filename="../../lstm_sim/io/sequences.py" line="488"/>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="176"/>
        <location filename="../../lstm_sim/io/weights.py" line="558"/>
        <source>safetensors</source>
        <translation>safetensors</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="199"/>
        <source>PyTorch state dict</source>
        <translation>PyTorch 状态字典</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="250"/>
        <source>Keras weights</source>
        <translation>Keras 权重</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="113"/>
        <source>Sine wave: predict the next value</source>
        <extracomment>The gallery, in menu order.</extracomment>
        <translation>正弦波：预测下一个值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="114"/>
        <source>The input is a sine wave with a period of 25 steps; the target at every step is the next value of the wave. Four units, trained with Adam over full BPTT (MSE ≈ 3·10⁻⁵). Look at h_t: units 0, 1 and 3 follow the wave, unit 2 follows it a quarter period later (like −cos). From a sine and a cosine the read-out builds the wave shifted by one step — sin(a + δ) = sin a·cos δ + cos a·sin δ. The forget gates stay between 0.6 and 0.9: a wave needs only short memory.</source>
        <translation>输入是周期为 25 步的正弦波；每个时间步的目标是波形的下一个值。四个单元，用 Adam 通过完整的随时间反向传播训练（MSE ≈ 3·10⁻⁵）。观察 h_t：单元 0、1 和 3 跟随波形，单元 2 则晚四分之一个周期（类似 −cos）。读出层用一个正弦和一个余弦合成出平移了一步的波形——sin(a + δ) = sin a·cos δ + cos a·sin δ。遗忘门保持在 0.6 到 0.9 之间：波形只需要短期记忆。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="126"/>
        <source>Noisy sine: predict the clean next value</source>
        <translation>带噪正弦波：预测无噪声的下一个值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="127"/>
        <source>The same wave with Gaussian noise (σ = 0.1) added to the input; the target is the clean next value. Sixteen units, trained for 200 epochs from random weights, which lowered the loss from 0.65 to 0.002. One noisy sample cannot say where the wave is, so the cell combines several steps: the prediction&apos;s RMS error (≈ 0.05) is half the noise on the input. Press Train from new random weights and watch the loss curve fall by two orders of magnitude.</source>
        <translation>同样的波形，但输入中加入了高斯噪声（σ = 0.1）；目标是无噪声的下一个值。十六个单元，从随机权重开始训练 200 轮，损失从 0.65 降到 0.002。单个带噪样本无法确定波形所处的位置，因此记忆单元综合了多个时间步：预测的均方根误差（≈ 0.05）只有输入噪声的一半。从新的随机权重开始点击“训练”，观察损失曲线下降两个数量级。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="139"/>
        <source>Square pulses: remember whether a pulse is on</source>
        <translation>方波脉冲：记住脉冲是否处于开启状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="140"/>
        <source>The input is zero except for a spike of +1 where a pulse begins and −1 where it ends; the target is the square pulse itself (1 during a pulse, 0 between pulses). Between the spikes nothing in the input says whether a pulse is on: the cell must hold it. Look at C_t of unit 0: it jumps to about −0.8 at a +1 spike, stays there while the pulse lasts (f ≈ 0.96), and jumps back to 0 at the −1 spike (the read-out&apos;s weight is negative). The input gate stays near 0.75 all the time: here it is the candidate g_t — ±0.95 on a spike, near 0 in between — that decides what is written.</source>
        <translation>输入除了在脉冲开始处有一个 +1 尖峰、在脉冲结束处有一个 −1 尖峰之外都为零；目标就是方波脉冲本身（脉冲期间为 1，脉冲之间为 0）。在两个尖峰之间，输入中没有任何信息表明脉冲是否开启：记忆单元必须自己保持住。观察单元 0 的 C_t：它在 +1 尖峰处跳到约 −0.8，在脉冲持续期间保持不变（f ≈ 0.96），在 −1 尖峰处跳回 0（读出层的权重为负）。输入门始终在 0.75 附近：在这里，决定写入什么的是候选记忆 g_t——尖峰处为 ±0.95，其余时间接近 0。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="154"/>
        <source>Delayed recall: remember the first value for 40 steps</source>
        <translation>延迟回忆：把第一个值记住 40 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="155"/>
        <source>Input 0 carries a value at step 1 and random distractors after it; input 1 is a marker that is 1 only at step 1. The target is the first value, asked for only at the last step (t = 41): the loss ignores every other step. Trained on random sequences, with a delay of 10 steps first, then 40. Look at units 1 and 2: their input gates open at step 1 (0.6, 0.8) and stay nearly shut for the distractors (0.05, 0.13), while their forget gates (≈ 0.96, 0.91) carry the value in C_t. In the gradient panel ‖∂L/∂C_k‖ does not vanish on its way back to step 1.</source>
        <translation>输入 0 在第 1 步携带一个值，之后是随机的干扰值；输入 1 是一个标记，只在第 1 步为 1。目标是第一个值，只在最后一步（t = 41）才要求给出：损失忽略其他所有时间步。在随机序列上训练，先用 10 步的延迟，再用 40 步。观察单元 1 和 2：它们的输入门在第 1 步打开（0.6、0.8），在干扰值出现时几乎关闭（0.05、0.13），而它们的遗忘门（≈ 0.96、0.91）把这个值保存在 C_t 中。在梯度面板中，‖∂L/∂C_k‖ 一路回传到第 1 步也没有消失。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="169"/>
        <source>The adding problem (Hochreiter &amp; Schmidhuber 1997), T = 50</source>
        <translation>加法问题（Hochreiter &amp; Schmidhuber 1997），T = 50</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="170"/>
        <source>Two inputs per step: a random value in [0, 1] and a marker. Exactly two steps are marked, one in each half of the sequence; the target, given only at the last step, is the sum of the two marked values. Predicting the mean (1.0) gives an MSE of about 0.17; the shipped cell (eight units), trained on thousands of random sequences (first of length 20, then 50), gets about 0.001 on new ones. Look at unit 4: its input gate opens only at the two markers (≈ 0.85, against 0.03 elsewhere) and its forget gate stays near 0.97, so its C_t adds up the two marked values and little else. Its ∂L/∂C_k stays about 0.1 all the way back to step 1: the constant error carousel.</source>
        <translation>每个时间步有两个输入：[0, 1] 中的一个随机值和一个标记。恰好有两个时间步被标记，序列的前后两半各一个；目标只在最后一步给出，是这两个被标记值之和。总是预测均值（1.0）得到的 MSE 约为 0.17；随附的 LSTM（八个单元）在数千个随机序列上训练（先用长度 20，再用长度 50），在新序列上的 MSE 约为 0.001。观察单元 4：它的输入门只在两个标记处打开（≈ 0.85，其他时间步为 0.03），遗忘门保持在 0.97 附近，因此它的 C_t 把两个被标记的值累加起来，几乎不含别的内容。它的 ∂L/∂C_k 一路回到第 1 步都保持在 0.1 左右：这就是恒定误差传送带。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="185"/>
        <source>A short text: predict the next character</source>
        <translation>一段短文本：预测下一个字符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="186"/>
        <source>&quot;cat on mat. dog on log. &quot; three times, one character per step, one-hot over its 11 characters; the target is the next character (one-hot, fitted by squared error, so the outputs are rough probabilities). Sixteen units; every next character is predicted right. After &quot;on &quot; the next letter is m or l depending on whether the sentence began with &quot;cat&quot; or &quot;dog&quot;, seven steps back: look at unit 8, whose cell state is about −0.9 after &quot;cat on &quot; and about 0 after &quot;dog on &quot;, and at the outputs for m and l there (≈ 0.9 for the right one, ≈ 0.2 for the other).</source>
        <translation>文本 &quot;cat on mat. dog on log. &quot; 重复三次，每个时间步一个字符，在其 11 个字符上做独热编码；目标是下一个字符（同样是独热编码，用平方误差拟合，因此输出近似为概率）。十六个单元；每一个下一个字符都预测正确。在 &quot;on &quot; 之后，下一个字母是 m 还是 l，取决于句子是以 &quot;cat&quot; 还是 &quot;dog&quot; 开头的——那是往回七步的信息：观察单元 8，它的细胞状态在 &quot;cat on &quot; 之后约为 −0.9，在 &quot;dog on &quot; 之后约为 0；再看此时 m 和 l 的输出（正确的那个 ≈ 0.9，另一个 ≈ 0.2）。</translation>
    </message>
</context>
<context>
    <name>LayerDialog</name>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="309"/>
        <source>Choose a layer</source>
        <translation>选择一层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="313"/>
        <source>This file holds {n} LSTM cells (layers or directions). The simulator shows one cell: choose which.</source>
        <translation>此文件包含 {n} 个 LSTM 记忆单元（不同的层或方向）。模拟器只显示一个记忆单元：请选择其一。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="319"/>
        <source>LSTM cells in the file</source>
        <translation>文件中的 LSTM 记忆单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="322"/>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="322"/>
        <source>forward</source>
        <translation>正向</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="323"/>
        <source>Layer {n}, {direction} — D = {d}, H = {h}  ({name})</source>
        <translation>第 {n} 层，{direction} —— D = {d}，H = {h}（{name}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="334"/>
        <source>Takes {d} inputs per step; the sequence has {D}</source>
        <translation>每步需要 {d} 个输入；而序列每步有 {D} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/dialogs.py" line="345"/>
        <source>The sequence has D = {D} inputs per step; greyed cells take another size.</source>
        <translation>序列每步有 D = {D} 个输入；灰色的记忆单元需要其他输入维度。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../lstm_sim/gui/app.py" line="28"/>
        <source>LSTM Cell Simulator</source>
        <translation>LSTM 记忆单元模拟器</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="60"/>
        <source>Spikes (built-in)</source>
        <translation>尖峰（内置）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="91"/>
        <source>LSTM memory cell diagram</source>
        <translation>LSTM 记忆单元示意图</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="100"/>
        <source>The unit (component of h and C) shown in detail</source>
        <translation>详细显示的单元（h 与 C 的分量）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="101"/>
        <source>Selected unit</source>
        <translation>所选单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="103"/>
        <source>plot all units</source>
        <translation>绘制所有单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="104"/>
        <source>Plot every unit instead of the selected one</source>
        <translation>绘制每一个单元，而不只是所选单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="109"/>
        <source>Σ h_t (all units)</source>
        <translation>Σ h_t（所有单元）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="110"/>
        <source>h_t of the selected unit</source>
        <translation>所选单元的 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="111"/>
        <source>The loss L whose gradients the plots show</source>
        <translation>图中所示梯度对应的损失 L</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="112"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="118"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="119"/>
        <source>How many steps back BPTT goes from the current step</source>
        <translation>随时间反向传播（BPTT）从当前时间步往回走多少步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="120"/>
        <source>BPTT window</source>
        <translation>BPTT 窗口</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="122"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="123"/>
        <source>Backpropagate all the way to t = 1</source>
        <translation>一直反向传播到 t = 1</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="130"/>
        <source>Unit:</source>
        <translation>单元：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="134"/>
        <source>Loss L =</source>
        <translation>损失 L =</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="136"/>
        <source>BPTT window:</source>
        <translation>BPTT 窗口：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="149"/>
        <source>Equations</source>
        <translation>方程</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="154"/>
        <source>Vanilla RNN beside it</source>
        <translation>并列的普通 RNN</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="158"/>
        <source>The RNN&apos;s hidden state</source>
        <translation>RNN 的隐藏状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="169"/>
        <source>Over time</source>
        <translation>随时间变化</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="170"/>
        <source>Vanishing &amp;&amp; exploding gradients</source>
        <translation>梯度消失与梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="179"/>
        <source>What to look at</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="180"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="181"/>
        <source>Hide this explanation</source>
        <translation>隐藏此说明</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="208"/>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="233"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="234"/>
        <source>Stop the computation that is running</source>
        <translation>停止正在运行的计算</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="261"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="262"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="273"/>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="285"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="286"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="288"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="292"/>
        <source>&amp;Simulation</source>
        <translation>模拟(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="296"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="297"/>
        <source>&amp;Compare with a vanilla RNN</source>
        <translation>与普通 RNN 对比(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="302"/>
        <source>&amp;Weights editor</source>
        <translation>权重编辑器(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="306"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="310"/>
        <source>Values &amp;table</source>
        <translation>数值表(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="313"/>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="317"/>
        <source>Follow the system (light or dark)</source>
        <translation>跟随系统（浅色或深色）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="318"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="319"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="320"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="330"/>
        <source>S&amp;cenarios</source>
        <translation>场景(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="338"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="343"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="358"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="359"/>
        <source>Guided &amp;tour of the cell</source>
        <translation>记忆单元导览(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="364"/>
        <source>&amp;About lstm-sim</source>
        <translation>关于 lstm-sim(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="370"/>
        <source>computed</source>
        <translation>计算值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="371"/>
        <source>= 1 (keep all)</source>
        <translation>= 1（全部保留）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="372"/>
        <source>= 0 (forget all)</source>
        <translation>= 0（全部遗忘）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="373"/>
        <source>Hold the forget gate f_t at a constant</source>
        <translation>将遗忘门 f_t 固定为常数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="374"/>
        <source>i_t = 0</source>
        <translation>i_t = 0</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="375"/>
        <source>Hold the input gate i_t at 0</source>
        <translation>将输入门 i_t 固定为 0</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="376"/>
        <source>o_t = 1</source>
        <translation>o_t = 1</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="377"/>
        <source>Hold the output gate o_t at 1</source>
        <translation>将输出门 o_t 固定为 1</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="378"/>
        <source>What if: f_t</source>
        <translation>假如：f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="379"/>
        <source>Clamp a gate at every step and re-simulate at once</source>
        <translation>在每个时间步把一个门固定住，并立即重新模拟</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="380"/>
        <source>Forget gate clamp</source>
        <translation>遗忘门固定值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="482"/>
        <source>About lstm-sim</source>
        <translation>关于 lstm-sim</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="484"/>
        <source>&lt;b&gt;lstm-sim {version}&lt;/b&gt;&lt;br&gt;A simulator of one LSTM memory cell: the gates, the cell state C (long-term memory), the hidden state h (short-term memory) and the gradients of backpropagation through time.</source>
        <translation>&lt;b&gt;lstm-sim {version}&lt;/b&gt;&lt;br&gt;单个 LSTM 记忆单元的模拟器：展示各个门、细胞状态 C（长期记忆）、隐藏状态 h（短期记忆），以及随时间反向传播的梯度。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="537"/>
        <source>ŷ_t = W_y·h_t + b_y</source>
        <translation>ŷ_t = W_y·h_t + b_y</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="541"/>
        <source>ŷ_t = W_y·h_t + b_y = {v}</source>
        <translation>ŷ_t = W_y·h_t + b_y = {v}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="568"/>
        <source>h_t = tanh(W_ih·x_t + W_hh·h_{{t−1}} + b) = {h} (unit {j}, t = {t})
σ_max(W_hh) = {s:.3f}</source>
        <translation>h_t = tanh(W_ih·x_t + W_hh·h_{{t−1}} + b) = {h}（单元 {j}，t = {t}）
σ_max(W_hh) = {s:.3f}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="581"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="627"/>
        <source>Computing steps {a}…{b}</source>
        <translation>正在计算第 {a}…{b} 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="641"/>
        <source>Cancelled: {n} of {T} steps computed</source>
        <translation>已取消：已计算 {n} / {T} 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="656"/>
        <source>Backpropagating {n} steps…</source>
        <translation>正在反向传播 {n} 步…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="670"/>
        <source>Computation failed</source>
        <translation>计算失败</translation>
    </message>
</context>
<context>
    <name>PlotPanels</name>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="131"/>
        <source>What the gradient panel shows</source>
        <translation>梯度面板显示的内容</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="140"/>
        <source>input x_t</source>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="140"/>
        <source>Input x_t (and targets y_t)</source>
        <translation>输入 x_t（及目标 y_t）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="141"/>
        <source>gates</source>
        <translation>门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="141"/>
        <source>Gates f_t, i_t, o_t</source>
        <translation>门 f_t、i_t、o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="142"/>
        <source>C_t</source>
        <translation>C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="142"/>
        <source>Cell state C_t (long-term memory)</source>
        <translation>细胞状态 C_t（长期记忆）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="143"/>
        <source>h_t</source>
        <translation>h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="143"/>
        <source>Hidden state h_t (short-term memory)</source>
        <translation>隐藏状态 h_t（短期记忆）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="144"/>
        <source>‖∂L/∂·‖</source>
        <translation>‖∂L/∂·‖</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="144"/>
        <source>Gradient norms (log scale)</source>
        <translation>梯度范数（对数坐标）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="167"/>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="377"/>
        <source>Gradient norms: backpropagating…</source>
        <translation>梯度范数：正在反向传播…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="380"/>
        <source>Gradient norms: step forward to define a loss L at step t.</source>
        <translation>梯度范数：请向前单步执行，以定义第 t 步的损失 L。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="402"/>
        <source>L = h_t[{unit}] (unit {unit}&apos;s output at t = {t})</source>
        <translation>L = h_t[{unit}]（单元 {unit} 在 t = {t} 时的输出）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="406"/>
        <source>L = Σ_j h_t[j] (the output at t = {t})</source>
        <translation>L = Σ_j h_t[j]（t = {t} 时的输出）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="409"/>
        <source>window: all {n} steps back to t = 1</source>
        <translation>窗口：全部 {n} 步，一直回到 t = 1</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="411"/>
        <source>BPTT window: {w} steps (k = {a} … {b})</source>
        <translation>BPTT 窗口：{w} 步（k = {a} … {b}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots.py" line="414"/>
        <source>Bottom panel: ‖∂L/∂C_k‖ and ‖∂L/∂h_k‖ for {loss}; {window}</source>
        <translation>下方面板：{loss} 的 ‖∂L/∂C_k‖ 与 ‖∂L/∂h_k‖；{window}</translation>
    </message>
</context>
<context>
    <name>Scenarios</name>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="121"/>
        <source>RNN gradient vanishes</source>
        <extracomment>Steps in every scenario&apos;s sequence. Units of the cells in the scenarios.</extracomment>
        <translation>RNN 梯度消失</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="122"/>
        <source>The RNN&apos;s recurrent matrix W_hh has largest singular value 0.8 &lt; 1. Going back one step multiplies the gradient by W_hhᵀ·diag(1 − h²), whose norm is at most 0.8, so ‖∂L/∂h_k‖ falls at least as fast as 0.8^(t−k): look at the red RNN curve in the gradient plot dropping in a straight line on the log axis, and at the LSTM&apos;s ‖∂L/∂C_k‖, which falls only as fast as the product of its forget gates.</source>
        <translation>RNN 的循环矩阵 W_hh 的最大奇异值为 0.8 &lt; 1。每回传一步，梯度都要乘以 W_hhᵀ·diag(1 − h²)，其范数至多为 0.8，因此 ‖∂L/∂h_k‖ 至少按 0.8^(t−k) 的速度下降：请看梯度图中红色的 RNN 曲线在对数坐标上沿直线下降；再看 LSTM 的 ‖∂L/∂C_k‖，它只随遗忘门的乘积而衰减。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="134"/>
        <source>RNN gradient explodes</source>
        <translation>RNN 梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="135"/>
        <source>Now W_hh = 1.25·Q (Q orthogonal): its largest singular value is 1.25 &gt; 1. The input is silent, so the RNN stays at h = 0 where tanh&apos; = 1, and every step back multiplies the gradient norm by exactly 1.25: after 100 steps by 1.25^100 ≈ 5·10⁹. Turn on gradient clipping: each ‖∂L/∂h_k‖ is capped at the threshold — the standard remedy for explosion (it does nothing against vanishing).</source>
        <translation>现在 W_hh = 1.25·Q（Q 为正交矩阵）：其最大奇异值为 1.25 &gt; 1。输入始终为零，因此 RNN 停留在 h = 0 处，那里 tanh&apos; = 1，每回传一步，梯度范数恰好乘以 1.25：100 步之后就是 1.25^100 ≈ 5·10⁹ 倍。打开梯度裁剪：每个 ‖∂L/∂h_k‖ 都被限制在阈值以内——这是应对梯度爆炸的标准方法（但对梯度消失无能为力）。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="147"/>
        <source>LSTM remembers</source>
        <translation>LSTM 记住了</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="148"/>
        <source>The forget-gate bias is 6, so f_t ≈ 0.998. The direct path from C_t back to C_k multiplies the gradient by f_{k+1}·…·f_t (the running product ∏f in the mechanism plot) and nothing else: ‖∂L/∂C_k‖ stays within a factor of 10 over 200 steps. This is the constant error carousel — while the RNN beside it forgets.</source>
        <translation>遗忘门偏置为 6，因此 f_t ≈ 0.998。从 C_t 回到 C_k 的直接路径只把梯度乘以 f_{k+1}·…·f_t（即机制图中的累积乘积 ∏f），别无其他：‖∂L/∂C_k‖ 在 200 步内的变化不超过 10 倍。这就是“恒定误差传送带”——而旁边的 RNN 早已遗忘。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="159"/>
        <source>LSTM forgets</source>
        <translation>LSTM 遗忘了</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="160"/>
        <source>The same LSTM with forget-gate bias −2: f_t ≈ 0.12, so the product of forget gates — and with it ‖∂L/∂C_k‖ — collapses within a few steps. The gate decides how long the cell remembers; with f ≈ 1 (the previous scenario) it keeps everything.</source>
        <translation>同一个 LSTM，遗忘门偏置改为 −2：f_t ≈ 0.12，因此遗忘门的乘积——连同 ‖∂L/∂C_k‖——在几步之内就骤降到接近零。遗忘门决定了记忆单元能记住多久；f ≈ 1 时（上一个场景）它保留一切。</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="18"/>
        <source>Guided tour of the memory cell</source>
        <translation>记忆单元导览</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="23"/>
        <source>Two memories</source>
        <translation>两种记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="25"/>
        <source>An LSTM cell carries two states from step to step. The line across the top is the cell state C — the long-term memory. The line at the bottom is the hidden state h — the short-term memory, which is also the cell&apos;s output.</source>
        <translation>LSTM 记忆单元在时间步之间传递两个状态。顶部横贯的那条线是细胞状态 C——长期记忆。底部的那条线是隐藏状态 h——短期记忆，它也是记忆单元的输出。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="33"/>
        <source>The forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="35"/>
        <source>f_t = σ(W_f·[h_{t−1}, x_t] + b_f) is a number between 0 and 1 for every unit. It multiplies the old cell state: f ≈ 1 keeps C_{t−1}, f ≈ 0 erases it. Along this path the gradient is multiplied by f and nothing else — this is why an LSTM can remember for long.</source>
        <translation>f_t = σ(W_f·[h_{t−1}, x_t] + b_f) 对每个单元都是 0 到 1 之间的一个数。它与旧的细胞状态相乘：f ≈ 1 时保留 C_{t−1}，f ≈ 0 时将其抹去。沿着这条路径，梯度只乘以 f，别无其他——这就是 LSTM 能长时间记忆的原因。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="43"/>
        <source>The input gate i_t and the candidate C̃_t</source>
        <translation>输入门 i_t 与候选记忆 C̃_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="45"/>
        <source>The candidate C̃_t = tanh(…) proposes new content between −1 and 1; the input gate i_t decides how much of it is written. Their product is added to the cell state: C_t = f_t·C_{t−1} + i_t·C̃_t.</source>
        <translation>候选记忆 C̃_t = tanh(…) 提出介于 −1 和 1 之间的新内容；输入门 i_t 决定其中有多少被写入。两者的乘积加到细胞状态上：C_t = f_t·C_{t−1} + i_t·C̃_t。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="52"/>
        <source>The output gate o_t</source>
        <translation>输出门 o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="54"/>
        <source>The cell state is squashed by tanh and the output gate o_t chooses how much of it becomes the new hidden state: h_t = o_t·tanh(C_t).</source>
        <translation>细胞状态经 tanh 压缩后，由输出门 o_t 选择其中有多少成为新的隐藏状态：h_t = o_t·tanh(C_t)。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="60"/>
        <source>Now step through time</source>
        <translation>现在逐个时间步前进</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="62"/>
        <source>Press Step (→) and watch the numbers: the colours show each value, hovering a node shows its equation with the numbers. The plots below show the history, and the gradient norms show how far back the loss at step t reaches.</source>
        <translation>按“单步”（→）并观察这些数字：颜色表示每个值的大小，鼠标悬停在节点上会显示代入数值的方程。下方的图显示历史变化，梯度范数则显示第 t 步的损失能回传多远。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="81"/>
        <source>&amp;Back</source>
        <translation>上一页(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="82"/>
        <source>&amp;Next</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="83"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="104"/>
        <source>{k} of {n}</source>
        <translation>{k} / {n}</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="52"/>
        <source>Training</source>
        <extracomment>How often (ms) the newest trained parameters are shown while training.</extracomment>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="70"/>
        <source>Adam&apos;s learning rate</source>
        <translation>Adam 的学习率</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="76"/>
        <source>full BPTT</source>
        <translation>完整 BPTT</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="78"/>
        <source>Truncated BPTT: steps per chunk (the state is carried between chunks)</source>
        <translation>截断 BPTT：每段的步数（状态在段与段之间传递）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="82"/>
        <source>Same seed, same training</source>
        <translation>相同的种子，相同的训练结果</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="83"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="84"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="85"/>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="86"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="87"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="89"/>
        <source>Fit the cell and a read-out y_t = W_y·h_t + b_y to the targets</source>
        <translation>拟合记忆单元和读出层 y_t = W_y·h_t + b_y，使输出逼近目标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="91"/>
        <location filename="../../lstm_sim/gui/training.py" line="144"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="92"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="101"/>
        <source>Training status</source>
        <translation>训练状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="105"/>
        <source>loss (MSE)</source>
        <translation>损失（MSE）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="106"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="144"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="146"/>
        <source>This sequence has no targets: nothing to train on.</source>
        <translation>该序列没有目标值：没有可训练的内容。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="193"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="233"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="233"/>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="235"/>
        <source>{state}: epoch {e} of {n}, loss {loss:.6g}</source>
        <translation>{state}：第 {e} / {n} 轮，损失 {loss:.6g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="255"/>
        <source>Stopped after {n} epochs</source>
        <translation>已在 {n} 轮后停止</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="255"/>
        <source>Done: {n} epochs</source>
        <translation>完成：{n} 轮</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="257"/>
        <source>; loss {a:.4g} → {b:.4g}</source>
        <translation>；损失 {a:.4g} → {b:.4g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="264"/>
        <source>Training failed: {m}</source>
        <translation>训练失败：{m}</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="119"/>
        <source>Reset</source>
        <extracomment>Fastest timer tick (ms): about one frame of a 60 Hz display.</extracomment>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="119"/>
        <source>Reset to t = 0</source>
        <translation>重置到 t = 0</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="123"/>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="125"/>
        <source>Step back one time step</source>
        <translation>后退一个时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="129"/>
        <location filename="../../lstm_sim/gui/transport.py" line="270"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="129"/>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="133"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="135"/>
        <source>Advance one time step</source>
        <translation>前进一个时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="140"/>
        <source>Run to end</source>
        <translation>运行到末尾</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="142"/>
        <source>Run to the end of the sequence</source>
        <translation>一直运行到序列末尾</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="151"/>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="152"/>
        <source>Playback speed in steps per second</source>
        <translation>播放速度（每秒步数）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="153"/>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="155"/>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="156"/>
        <source>Start again at t = 0 after the end</source>
        <translation>到达末尾后从 t = 0 重新开始</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="160"/>
        <source>Timeline: drag to any step</source>
        <translation>时间轴：可拖到任意时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="161"/>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="168"/>
        <source>Current step</source>
        <translation>当前时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="183"/>
        <source>Speed </source>
        <translation>速度 </translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="209"/>
        <source>t = {t} / {T}</source>
        <translation>t = {t} / {T}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="261"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>ValuesTable</name>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="29"/>
        <source>Values at step t</source>
        <translation>第 t 步的数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="34"/>
        <source>Values of the current step</source>
        <translation>当前时间步的数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="36"/>
        <source>One row per quantity of the LSTM cell, one column per unit</source>
        <translation>每行是 LSTM 记忆单元的一个量，每列是一个单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="41"/>
        <source>input x_t</source>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="42"/>
        <source>previous hidden state h_{t−1}</source>
        <translation>上一步的隐藏状态 h_{t−1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="43"/>
        <source>previous cell state C_{t−1}</source>
        <translation>上一步的细胞状态 C_{t−1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="44"/>
        <source>forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="45"/>
        <source>input gate i_t</source>
        <translation>输入门 i_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="46"/>
        <source>candidate C̃_t</source>
        <translation>候选记忆 C̃_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="47"/>
        <source>output gate o_t</source>
        <translation>输出门 o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="48"/>
        <source>cell state C_t</source>
        <translation>细胞状态 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="49"/>
        <source>tanh(C_t)</source>
        <translation>tanh(C_t)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="50"/>
        <source>hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="94"/>
        <source>unit {j}</source>
        <translation>单元 {j}</translation>
    </message>
</context>
<context>
    <name>WeightEditor</name>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="227"/>
        <source>f forget</source>
        <extracomment>Largest H that gets one slider per number; larger cells get heat-map tables. Tab order: the order in which the notes introduce the gates. The three parts of one gate&apos;s parameters. Initialisation schemes of :meth:`LSTMParams.random`, in the preset combo&apos;s order. Slider positions on each side of 0: the slider moves in steps of limit / 400. Slider range for ordinary weights: ±4 covers σ and tanh from saturated to saturated. Spin boxes and table editors accept any value in ±SPIN_LIMIT.</extracomment>
        <translation>f 遗忘门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="228"/>
        <source>i input</source>
        <translation>i 输入门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="229"/>
        <source>g candidate</source>
        <translation>g 候选记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="230"/>
        <source>o output</source>
        <translation>o 输出门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="242"/>
        <source>j={j}, d={d}</source>
        <translation>j={j}, d={d}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="246"/>
        <source>j={j}, k={k}</source>
        <translation>j={j}, k={k}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="249"/>
        <source>j={j}</source>
        <translation>j={j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="258"/>
        <source>Input weight W_{g}[{j}, x_{d}]: from input d = {d} ({name}) to unit j = {j} of gate {g}
weight_ih[{r}, {d}]</source>
        <translation>输入权重 W_{g}[{j}, x_{d}]：从输入 d = {d}（{name}）到门 {g} 的单元 j = {j}
weight_ih[{r}, {d}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="264"/>
        <source>Recurrent weight W_{g}[{j}, h_{k}]: from h_(t−1) unit k = {k} to unit j = {j} of gate {g}
weight_hh[{r}, {k}]</source>
        <translation>循环权重 W_{g}[{j}, h_{k}]：从 h_(t−1) 的单元 k = {k} 到门 {g} 的单元 j = {j}
weight_hh[{r}, {k}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="269"/>
        <source>Bias b_{g}[{j}] of unit j = {j}
bias_ih[{r}] + bias_hh[{r}] (an edit changes bias_ih)</source>
        <translation>单元 j = {j} 的偏置 b_{g}[{j}]
bias_ih[{r}] + bias_hh[{r}]（编辑时修改的是 bias_ih）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="277"/>
        <source>W_{g} input weight, unit {j}, input {d}</source>
        <translation>W_{g} 输入权重，单元 {j}，输入 {d}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="281"/>
        <source>W_{g} recurrent weight, unit {j}, from unit {k}</source>
        <translation>W_{g} 循环权重，单元 {j}，来自单元 {k}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="284"/>
        <source>b_{g} bias, unit {j}</source>
        <translation>b_{g} 偏置，单元 {j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="292"/>
        <source>Edit W_{g}[{j}, x_{d}]</source>
        <translation>编辑 W_{g}[{j}, x_{d}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="296"/>
        <source>Edit W_{g}[{j}, h_{k}]</source>
        <translation>编辑 W_{g}[{j}, h_{k}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="299"/>
        <source>Edit b_{g}[{j}]</source>
        <translation>编辑 b_{g}[{j}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="394"/>
        <source>{name}, value</source>
        <translation>{name}，数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="471"/>
        <source>Input part of W_{g}, times x_t</source>
        <translation>W_{g} 的输入部分，与 x_t 相乘</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="480"/>
        <source>Recurrent part of W_{g}, times h_{t-1}</source>
        <translation>W_{g} 的循环部分，与 h_{t-1} 相乘</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="491"/>
        <source>Bias b_{g}</source>
        <translation>偏置 b_{g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="503"/>
        <source>Range of the sliders in this section</source>
        <translation>本部分滑块的取值范围</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="549"/>
        <source>slider ±{limit:g}</source>
        <translation>滑块 ±{limit:g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="688"/>
        <source>Unit j = {j}</source>
        <translation>单元 j = {j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="690"/>
        <source>Recurrent part: weights from h_(t−1) unit k = {k}</source>
        <translation>循环部分：来自 h_(t−1) 单元 k = {k} 的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="696"/>
        <source>Input part: weights from input d = {d} ({name})</source>
        <translation>输入部分：来自输入 d = {d}（{name}）的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="699"/>
        <source>Bias b_{g} = bias_ih + bias_hh</source>
        <translation>偏置 b_{g} = bias_ih + bias_hh</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="738"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="815"/>
        <source>Weights and bias of gate {g}</source>
        <translation>门 {g} 的权重与偏置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="820"/>
        <source>Rows: units j. Columns: recurrent weights from h_k, input weights from x_d, bias b.</source>
        <translation>行：单元 j。列：来自 h_k 的循环权重、来自 x_d 的输入权重、偏置 b。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="852"/>
        <source>Rows: units j. Columns: W_{g} over [h_{t-1}, x_t] (h_k recurrent, x_d input), then b_{g}. Double-click or F2 to edit.</source>
        <translation>行：单元 j。列：作用于 [h_{t-1}, x_t] 的 W_{g}（h_k 为循环部分，x_d 为输入部分），最后是 b_{g}。双击或按 F2 编辑。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="865"/>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1058"/>
        <source>Initialise weights ({scheme}, seed {seed})</source>
        <translation>初始化权重（{scheme}，种子 {seed}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1096"/>
        <source>Inputs D = {D}, units H = {H}</source>
        <translation>输入 D = {D}，单元 H = {H}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1133"/>
        <source>Undo {what}</source>
        <translation>撤销 {what}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1136"/>
        <source>Redo {what}</source>
        <translation>重做 {what}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1140"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1141"/>
        <source>Every edit re-runs the cell up to the current step</source>
        <translation>每次编辑都会把记忆单元重新运行到当前时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1142"/>
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1143"/>
        <source>Redo ↷</source>
        <translation>重做 ↷</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1144"/>
        <source>Undo the last weight edit</source>
        <translation>撤销上一次权重编辑</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1145"/>
        <source>Redo the weight edit</source>
        <translation>重做该权重编辑</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1146"/>
        <source>Initialise all parameters</source>
        <translation>初始化所有参数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1147"/>
        <source>Sche&amp;me:</source>
        <translation>方案(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1148"/>
        <source>See&amp;d:</source>
        <translation>种子(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1149"/>
        <source>Forget &amp;bias:</source>
        <translation>遗忘门偏置(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1151"/>
        <source>Uniform ±1/√H (like PyTorch)</source>
        <translation>均匀分布 ±1/√H（与 PyTorch 相同）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1152"/>
        <source>Xavier (Glorot uniform)</source>
        <translation>Xavier（Glorot 均匀分布）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1153"/>
        <source>Orthogonal recurrent, Xavier input</source>
        <translation>循环权重正交，输入权重 Xavier</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1157"/>
        <source>How the random weights are drawn</source>
        <translation>随机权重的抽取方式</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1158"/>
        <source>Initialisation scheme</source>
        <translation>初始化方案</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1159"/>
        <source>Same seed, same weights</source>
        <translation>相同的种子，相同的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1160"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1162"/>
        <source>Added to the forget gate&apos;s bias b_f: 1–3 makes f_t ≈ 1, so the cell remembers</source>
        <translation>加到遗忘门偏置 b_f 上：取 1–3 时 f_t ≈ 1，记忆单元便能记住信息</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1164"/>
        <source>Forget-gate bias</source>
        <translation>遗忘门偏置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1165"/>
        <source>A&amp;pply</source>
        <translation>应用(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weight_editor.py" line="1167"/>
        <source>Replace every weight and bias by the preset (one undo step)</source>
        <translation>用预设替换所有权重和偏置（可一步撤销）</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="203"/>
        <source>the device pixel ratio must be positive</source>
        <translation>设备像素比必须为正数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="215"/>
        <source>the image is too large ({w} × {h})</source>
        <translation>图像过大（{w} × {h}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="235"/>
        <source>could not encode the image as PNG</source>
        <translation>无法将图像编码为 PNG</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="278"/>
        <source>lstm-sim export</source>
        <translation>lstm-sim 导出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="280"/>
        <source>Exported by lstm-sim</source>
        <translation>由 lstm-sim 导出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="286"/>
        <source>could not start the SVG generator</source>
        <translation>无法启动 SVG 生成器</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="298"/>
        <source>the generated SVG is not valid XML ({0})</source>
        <translation>生成的 SVG 不是有效的 XML（{0}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="345"/>
        <source>the plot has no curves</source>
        <translation>该图中没有曲线</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="408"/>
        <location filename="../../lstm_sim/gui/export.py" line="549"/>
        <source>LSTM trace</source>
        <translation>LSTM 运行轨迹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="427"/>
        <source>Inputs x_t</source>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="428"/>
        <source> and targets y_t (dashed)</source>
        <translation> 及目标 y_t（虚线）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="437"/>
        <source>Gates: forget f, input i, output o</source>
        <translation>门：遗忘门 f、输入门 i、输出门 o</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="441"/>
        <source>forget f</source>
        <translation>遗忘门 f</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="442"/>
        <source>input i</source>
        <translation>输入门 i</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="443"/>
        <source>output o</source>
        <translation>输出门 o</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="450"/>
        <source>Cell state C_t</source>
        <translation>细胞状态 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="451"/>
        <source>Hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="461"/>
        <source>Gradient norms ‖∂L/∂C_t‖, ‖∂L/∂h_t‖ (log scale)</source>
        <translation>梯度范数 ‖∂L/∂C_t‖、‖∂L/∂h_t‖（对数坐标）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="472"/>
        <source>‖∂L/∂C_t‖</source>
        <translation>‖∂L/∂C_t‖</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="473"/>
        <source>‖∂L/∂h_t‖</source>
        <translation>‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="479"/>
        <source>step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/export.py" line="524"/>
        <source>unknown plot format(s): {0} (use png, svg)</source>
        <translation>未知的图像格式：{0}（请使用 png 或 svg）</translation>
    </message>
</context>
</TS>
