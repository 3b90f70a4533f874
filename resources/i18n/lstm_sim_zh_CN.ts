<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackwardPanel</name>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="65"/>
        <source>Steps back from t (&amp;lag):</source>
        <translation>从 t 往回的步数(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="68"/>
        <source>Which step k of the backward pass to open: k = t minus this many steps, for the loss at the cursor t (the loss of the gradient panel)</source>
        <translation>打开反向传播的哪一步：k = t 减去这里的步数，损失在光标所在的第 t 步（与梯度面板的损失相同）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="72"/>
        <source>Backward pass of one step</source>
        <translation>一步的反向传播</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="89"/>
        <source>Backward pass: a whole model&apos;s prediction loss</source>
        <translation>反向传播：整个模型的预测损失</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="91"/>
        <source>Backward pass: no loss yet (t = 0)</source>
        <translation>反向传播：还没有损失（t = 0）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="92"/>
        <source>{loss} at t = {t}: step k = {k} (lag {lag}), unit j = {j}</source>
        <translation>{loss}，t = {t}：第 k = {k} 步（间隔 {lag}），单元 j = {j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="100"/>
        <source>This cell&apos;s gradients also come back from the layers above it;</source>
        <translation>这个单元的梯度还会从它上面的各层传回；</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="101"/>
        <source>the gradient panel shows them. Choose Σ h_t or one unit&apos;s h_t to open</source>
        <translation>梯度面板显示了它们。选择 Σ h_t 或某个单元的 h_t，</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="102"/>
        <source>a step of this cell&apos;s own backward pass.</source>
        <translation>即可打开这个单元自身反向传播的一步。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="105"/>
        <source>Press Step (→): the backward pass starts from a loss at step t ≥ 1.</source>
        <translation>按“单步”（→）：反向传播从第 t ≥ 1 步的损失开始。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="115"/>
        <source>∂L/∂h_k = ∂L/∂h_k(loss) + (W_hhᵀ·∂L/∂z_{k+1})[j]</source>
        <translation>∂L/∂h_k = ∂L/∂h_k(损失) + (W_hhᵀ·∂L/∂z_{k+1})[j]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="121"/>
        <source>          (k = t: nothing comes back from after the loss)</source>
        <translation>          （k = t：损失之后没有梯度传回）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="128"/>
        <source>        = {carried} (direct path) + {through} (through h) = {total}</source>
        <translation>        = {carried}（直接路径）+ {through}（经由 h）= {total}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="156"/>
        <source>        = 0 ({gate} is clamped: a constant has no gradient)</source>
        <translation>        = 0（{gate} 被固定：常数没有梯度）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/backward.py" line="162"/>
        <source>Step k&apos;s share of ∂L/∂W, row j of each gate&apos;s block:</source>
        <translation>第 k 步对 ∂L/∂W 的贡献（各门块的第 j 行）：</translation>
    </message>
</context>
<context>
    <name>CellDiagram</name>
    <message>
        <location filename="../../lstm_sim/gui/diagram/nodes.py" line="460"/>
        <source>gates</source>
        <translation>门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/nodes.py" line="461"/>
        <source>values</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/nodes.py" line="462"/>
        <source>saturates at ±1; C at ±{c_range}, x at ±{x_range}</source>
        <translation>在 ±1 处饱和；C 在 ±{c_range}，x 在 ±{x_range}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="41"/>
        <source>x (time T−t+1)</source>
        <translation>x（时刻 T−t+1）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="43"/>
        <source>h of layer {k} (time T−t+1)</source>
        <translation>第 {k} 层的 h（时刻 T−t+1）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="46"/>
        <source>x_t = h_t of layer {k}</source>
        <translation>x_t = 第 {k} 层的 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="52"/>
        <source>C_{t-1}</source>
        <translation>C_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="53"/>
        <source>h_{t-1}</source>
        <translation>h_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="54"/>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="55"/>
        <source>C_t</source>
        <translation>C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="56"/>
        <source>h_t</source>
        <translation>h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="57"/>
        <source>forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="58"/>
        <source>input gate i_t</source>
        <translation>输入门 i_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="59"/>
        <source>candidate C̃_t</source>
        <translation>候选记忆 C̃_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="60"/>
        <source>output gate o_t</source>
        <translation>输出门 o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="67"/>
        <source>h_t (output)</source>
        <translation>h_t（输出）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="68"/>
        <source>f_t ⊙ C_{t-1}</source>
        <translation>f_t ⊙ C_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="69"/>
        <source>i_t ⊙ g_t</source>
        <translation>i_t ⊙ g_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="70"/>
        <source>tanh(C_t)</source>
        <translation>tanh(C_t)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="71"/>
        <source>o_t ⊙ tanh(C_t)</source>
        <translation>o_t ⊙ tanh(C_t)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="72"/>
        <source>[h_{t-1}, x_t]</source>
        <translation>[h_{t-1}, x_t]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="73"/>
        <source>cell state C — long-term memory</source>
        <translation>细胞状态 C —— 长期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="74"/>
        <source>hidden state h — short-term memory</source>
        <translation>隐藏状态 h —— 短期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="81"/>
        <source>t = 0 (initial state)</source>
        <translation>t = 0（初始状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="82"/>
        <source>t = {t}</source>
        <translation>t = {t}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="83"/>
        <source>unit {j} of H = {hidden}</source>
        <translation>单元 {j}（共 H = {hidden} 个）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="84"/>
        <source>‖x‖ = {norm}</source>
        <translation>‖x‖ = {norm}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="85"/>
        <source>no step computed yet (t = 0)</source>
        <translation>尚未计算任何时间步（t = 0）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="86"/>
        <source>C_0 = {v} (initial cell state)</source>
        <translation>C_0 = {v}（初始细胞状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="87"/>
        <source>h_0 = {v} (initial hidden state)</source>
        <translation>h_0 = {v}（初始隐藏状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="88"/>
        <source>(the state after step {k})</source>
        <translation>（第 {k} 步之后的状态）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="89"/>
        <source>step t = {t}</source>
        <translation>时间步 t = {t}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="96"/>
        <source>forget gate f_t — how much of C_{t-1} is kept</source>
        <translation>遗忘门 f_t —— C_{t-1} 保留多少</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="99"/>
        <source>input gate i_t — how much of the candidate is written into C_t</source>
        <translation>输入门 i_t —— 候选记忆有多少写入 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="102"/>
        <source>candidate C̃_t — new content proposed for the cell state</source>
        <translation>候选记忆 C̃_t —— 为细胞状态提出的新内容</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="105"/>
        <source>output gate o_t — how much of tanh(C_t) is exposed as h_t</source>
        <translation>输出门 o_t —— tanh(C_t) 有多少作为 h_t 输出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="108"/>
        <source>cell state C_t — long-term memory</source>
        <translation>细胞状态 C_t —— 长期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="109"/>
        <source>hidden state h_t — short-term memory and the output</source>
        <translation>隐藏状态 h_t —— 短期记忆，也是输出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="112"/>
        <source>cell state C_{t-1} from the previous step</source>
        <translation>上一步的细胞状态 C_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="115"/>
        <source>hidden state h_{t-1} from the previous step</source>
        <translation>上一步的隐藏状态 h_{t-1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="118"/>
        <source>input x_t</source>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="119"/>
        <source>the part of the old cell state that is kept</source>
        <translation>旧细胞状态中被保留的部分</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="122"/>
        <source>the new content written into the cell state</source>
        <translation>写入细胞状态的新内容</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="125"/>
        <source>the cell state squashed into −1 … 1</source>
        <translation>压缩到 −1 … 1 之间的细胞状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="126"/>
        <source>the exposed part of the cell state: h_t</source>
        <translation>细胞状态中被输出的部分：h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="135"/>
        <source>f_t = σ(W_f·[h_{t-1}, x_t] + b_f)</source>
        <translation>f_t = σ(W_f·[h_{t-1}, x_t] + b_f)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="136"/>
        <source>i_t = σ(W_i·[h_{t-1}, x_t] + b_i)</source>
        <translation>i_t = σ(W_i·[h_{t-1}, x_t] + b_i)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="137"/>
        <source>C̃_t = g_t = tanh(W_g·[h_{t-1}, x_t] + b_g)</source>
        <translation>C̃_t = g_t = tanh(W_g·[h_{t-1}, x_t] + b_g)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="140"/>
        <source>o_t = σ(W_o·[h_{t-1}, x_t] + b_o)</source>
        <translation>o_t = σ(W_o·[h_{t-1}, x_t] + b_o)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="141"/>
        <source>C_t = f_t·C_{t-1} + i_t·g_t</source>
        <translation>C_t = f_t·C_{t-1} + i_t·g_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/captions.py" line="142"/>
        <source>h_t = o_t·tanh(C_t)</source>
        <translation>h_t = o_t·tanh(C_t)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/view.py" line="315"/>
        <source>ŷ (head, time {time})
= {v}</source>
        <extracomment>Nodes coloured on the sequential scale (gates, 0 … 1); the others are diverging.</extracomment>
        <translation>ŷ（输出头，时刻 {time}）
= {v}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/view.py" line="317"/>
        <source>ŷ_t = W_y·h_t + b_y
= {v}</source>
        <translation>ŷ_t = W_y·h_t + b_y
= {v}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/view.py" line="320"/>
        <source>ŷ_t = W_y·h_t + b_y</source>
        <translation>ŷ_t = W_y·h_t + b_y</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/diagram/view.py" line="320"/>
        <source>ŷ (the model&apos;s head)</source>
        <translation>ŷ（模型的输出头）</translation>
    </message>
</context>
<context>
    <name>Clamped</name>
    <message>
        <location filename="../../lstm_sim/gui/clamp_text.py" line="28"/>
        <source>{value} (clamped; σ({z}) would be {would})</source>
        <translation>{value}（已钳定；σ({z}) 本应为 {would}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/clamp_text.py" line="35"/>
        <source>{value} (clamped)</source>
        <translation>{value}（已钳定）</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <location filename="../../lstm_sim/gui/backward/code.py" line="132"/>
        <source>The reference step as code, with its values</source>
        <extracomment>Characters of the gutter, &quot;name = value │ &quot;. Names of vectors over the inputs (D), not the units (even when D = H).</extracomment>
        <translation>以代码显示的参考步骤及其数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/code.py" line="139"/>
        <source>The reference step (t = 0: press Step to run it)</source>
        <translation>参考实现的一步（t = 0：按“单步”运行它）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/code.py" line="141"/>
        <source>The reference step: forward t = {t}, unit j = {j}</source>
        <translation>参考实现的一步：前向 t = {t}，单元 j = {j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/code.py" line="145"/>
        <source>The reference step: forward t = {t}, backward k = {k}, unit j = {j}</source>
        <translation>参考实现的一步：前向 t = {t}，反向 k = {k}，单元 j = {j}</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="206"/>
        <source>What to look at</source>
        <extracomment>Width of the legends&apos; column right of the plots (px).</extracomment>
        <translation>观察要点</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="208"/>
        <source>Click a lag to open that step of the backward pass in the Backward tab</source>
        <translation>点击某个间隔，在“反向”标签页中打开反向传播的那一步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="210"/>
        <source>Compare with a vanilla RNN</source>
        <translation>与普通 RNN 对比</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="212"/>
        <source>Run an RNN of the same input and hidden size on the same sequence</source>
        <translation>在同一序列上运行一个输入维度和隐藏维度都相同的 RNN</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="214"/>
        <source>Clip RNN gradient norm at</source>
        <translation>将 RNN 梯度范数裁剪至</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="217"/>
        <source>Per-step clipping: going back, ∂L/∂h_k is rescaled to the threshold at every step where its norm exceeds it. (PyTorch&apos;s clip_grad_norm_ instead rescales the whole parameter gradient once, after BPTT.)</source>
        <translation>逐步裁剪：反向回传时，在 ∂L/∂h_k 的范数超过阈值的每一步，都把它缩放到阈值。（PyTorch 的 clip_grad_norm_ 则是在 BPTT 之后对整个参数梯度统一缩放一次。）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="222"/>
        <source>Clipping threshold</source>
        <translation>裁剪阈值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="223"/>
        <source>per step, during BPTT</source>
        <translation>逐步，在 BPTT 过程中</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="224"/>
        <source>global, after BPTT (clip_grad_norm_)</source>
        <translation>全局，在 BPTT 之后（clip_grad_norm_）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="225"/>
        <source>How the RNN&apos;s gradient is clipped</source>
        <translation>RNN 梯度的裁剪方式</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="228"/>
        <source>Per step: ∂L/∂h_k is capped at every step of the backward pass (the gradient curve flattens; the parameter gradient changes direction). Global: the backward pass runs unclipped, then the whole parameter gradient is scaled once to at most the threshold (its direction is kept), as PyTorch&apos;s clip_grad_norm_ does</source>
        <translation>逐步：反向传播的每一步都限制 ∂L/∂h_k 的范数（梯度曲线被压平；参数梯度的方向随之改变）。全局：反向传播不裁剪，之后把整个参数梯度统一缩放一次，使其范数不超过阈值（方向保持不变），与 PyTorch 的 clip_grad_norm_ 相同</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="234"/>
        <source>Largest singular value of W_hh</source>
        <translation>W_hh 的最大奇异值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="235"/>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="236"/>
        <source>factor per step</source>
        <translation>每步乘数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="237"/>
        <source>lag t − k (steps back from t)</source>
        <translation>间隔 t − k（从 t 往回的步数）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="239"/>
        <source>The mechanism: what each step back multiplies the gradient by</source>
        <translation>机制：每回传一步，梯度要乘以什么</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="243"/>
        <source>LSTM ‖∂L/∂C_k‖ (total)</source>
        <translation>LSTM ‖∂L/∂C_k‖（总梯度）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="245"/>
        <source>LSTM direct path ∏f</source>
        <translation>LSTM 直接路径 ∏f</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="246"/>
        <source>LSTM f_k = ∂C_k/∂C_{k−1} (direct partial)</source>
        <translation>LSTM f_k = ∂C_k/∂C_{k−1}（直接偏导）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="247"/>
        <source>LSTM ∏ f (t back to k)</source>
        <translation>LSTM ∏ f（从 t 回到 k）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="248"/>
        <source>RNN σ_max(W_hh) (dashed)</source>
        <translation>RNN σ_max(W_hh)（虚线）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="249"/>
        <source>RNN clipping threshold (dotted)</source>
        <translation>RNN 裁剪阈值（点线）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="263"/>
        <source>Turn on the comparison, pick a scenario in the Scenarios menu, and step: the top plot shows how much of the gradient of the loss at step t reaches each earlier step k; the bottom plot shows why.</source>
        <translation>打开对比，在“场景”菜单中选一个场景，然后单步执行：上图显示第 t 步损失的梯度有多少能传到之前的每个时间步 k；下图说明其中的原因。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="398"/>
        <source>How far back the loss at step t reaches</source>
        <translation>第 t 步的损失能回传多远</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="423"/>
        <source>RNN: σ_max(W_hh) = {s:.3f} ({kind}; dashed line below)</source>
        <translation>RNN：σ_max(W_hh) = {s:.3f}（{kind}；见下图虚线）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="425"/>
        <source>&lt; 1: gradients vanish</source>
        <translation>&lt; 1：梯度消失</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="427"/>
        <source>&gt; 1: gradients can explode</source>
        <translation>&gt; 1：梯度可能爆炸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="441"/>
        <source>RNN comparison is off</source>
        <translation>RNN 对比已关闭</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="455"/>
        <source>How far back the loss at step t = {t} reaches ({loss})</source>
        <translation>第 t = {t} 步的损失能回传多远（{loss}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="466"/>
        <source>Not clipped: RNN ‖∂L/∂W‖ = {n:.4g}</source>
        <translation>未裁剪：RNN ‖∂L/∂W‖ = {n:.4g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="469"/>
        <source>Global: RNN ‖∂L/∂W‖ = {n:.4g} is below the threshold, so it is left as it is.</source>
        <translation>全局：RNN ‖∂L/∂W‖ = {n:.4g} 低于阈值，因此保持不变。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="473"/>
        <source>Global: the curve above is not capped; afterwards the whole parameter gradient is scaled once, ‖∂L/∂W‖ = {n:.4g} → {m:.4g}, keeping its direction.</source>
        <translation>全局：上方的曲线不受限制；之后整个参数梯度统一缩放一次，‖∂L/∂W‖ = {n:.4g} → {m:.4g}，方向保持不变。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/compare.py" line="477"/>
        <source>Per step: ∂L/∂h_k is capped at the dotted line at every step going back, which changes the direction of the parameter gradient; ‖∂L/∂W‖ = {n:.4g}.</source>
        <translation>逐步：反向回传的每一步都把 ∂L/∂h_k 限制在点线处，这会改变参数梯度的方向；‖∂L/∂W‖ = {n:.4g}。</translation>
    </message>
</context>
<context>
    <name>ControlsBar</name>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="154"/>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="159"/>
        <source>The cell of the model shown in the diagram, the plots and the gradient panel: its layer and direction (a reverse cell reads the sequence from t = T down to 1; an upper layer&apos;s x_t is the layer below&apos;s h_t)</source>
        <translation>图示、曲线和梯度面板所显示的模型单元：它的层和方向（反向单元从 t = T 倒读到 1；上层的 x_t 是下一层的 h_t）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="164"/>
        <source>Layer and direction shown</source>
        <translation>显示的层和方向</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="165"/>
        <source>Unit:</source>
        <translation>单元：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="166"/>
        <source>The unit (component of h and C) shown in detail</source>
        <translation>详细显示的单元（h 与 C 的分量）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="167"/>
        <source>Selected unit</source>
        <translation>所选单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="168"/>
        <source>plot all units</source>
        <translation>绘制所有单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="169"/>
        <source>Plot every unit instead of the selected one</source>
        <translation>绘制每一个单元，而不只是所选单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="170"/>
        <source>Loss L =</source>
        <translation>损失 L =</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="171"/>
        <source>Σ h_t (all units)</source>
        <translation>Σ h_t（所有单元）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="172"/>
        <source>h_t of the selected unit</source>
        <translation>所选单元的 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="174"/>
        <source>(ŷ_t − y_t)² at step t</source>
        <translation>第 t 步的 (ŷ_t − y_t)²</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="175"/>
        <source>Σ (ŷ_k − y_k)² up to step t</source>
        <translation>到第 t 步为止的 Σ (ŷ_k − y_k)²</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="178"/>
        <source>needs targets and a read-out: train, or open weights with a head</source>
        <translation>需要目标值和读出层：请先训练，或打开带输出头的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="180"/>
        <source>no read-out</source>
        <translation>无读出层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="184"/>
        <source>The loss L whose gradients the plots show. Σ h_t and h_t: the output at the cursor, a probe of how far back it reaches, not the loss an example was trained on. (ŷ − y)²: the read-out&apos;s squared error; summed up to the last step it is the loss an example was trained on, times the number of targets</source>
        <translation>各图所显示梯度对应的损失 L。Σ h_t 与 h_t：游标处的输出，用来探测它能回传多远，而不是示例训练时所用的损失。(ŷ − y)²：读出层的平方误差；累加到最后一步时，它就是示例训练时所用的损失乘以目标值的个数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="190"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="191"/>
        <source>BPTT window:</source>
        <translation>BPTT 窗口：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="192"/>
        <location filename="../../lstm_sim/gui/controls.py" line="195"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="193"/>
        <source>How many steps back BPTT goes from the current step</source>
        <translation>随时间反向传播（BPTT）从当前时间步往回走多少步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="194"/>
        <source>BPTT window</source>
        <translation>BPTT 窗口</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="196"/>
        <source>Backpropagate all the way to t = 1</source>
        <translation>一直反向传播到 t = 1</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="197"/>
        <source>What if: f_t</source>
        <translation>假如：f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="200"/>
        <source>Clamp a gate at every step and re-simulate at once. A clamped gate is a constant: its weights get zero gradient. With f = 1, i = 0 and o = 1 together ∂L/∂C_k is the same at every step, from any state (from the zero state f = 1 and i = 0 suffice: C_t stays 0); the cell then keeps C_0 and outputs tanh(C_0) whatever the input</source>
        <translation>在每个时间步把一个门固定住，并立即重新模拟。被固定的门是常数：它的权重得到零梯度。f = 1、i = 0 和 o = 1 同时成立时，从任何状态出发 ∂L/∂C_k 在每一步都相同（从零状态出发时 f = 1 和 i = 0 就足够：C_t 始终为 0）；此时记忆单元保持 C_0，并且无论输入是什么都输出 tanh(C_0)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="207"/>
        <source>computed</source>
        <translation>计算值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="208"/>
        <source>= 1 (keep all)</source>
        <translation>= 1（全部保留）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="209"/>
        <source>= 0 (forget all)</source>
        <translation>= 0（全部遗忘）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="212"/>
        <source>Hold the forget gate f_t at a constant (its weights then get zero gradient). f = 1 alone does not make ∂L/∂C_k the same at every step: the gradient also flows back through h</source>
        <translation>将遗忘门 f_t 固定为常数（它的权重因此得到零梯度）。仅有 f = 1 并不能让 ∂L/∂C_k 在每一步都相同：梯度还会经由 h 回传</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="217"/>
        <source>Forget gate clamp</source>
        <translation>遗忘门固定值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="218"/>
        <source>i_t = 0</source>
        <translation>i_t = 0</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="220"/>
        <source>Hold the input gate i_t at 0 (a constant: W_i and b_i then get zero gradient)</source>
        <translation>把输入门 i_t 固定为 0（常数：W_i 和 b_i 的梯度为零）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="225"/>
        <source>Hold the output gate o_t at 1 (a constant: W_o and b_o then get zero gradient)</source>
        <translation>把输出门 o_t 固定为 1（常数：W_o 和 b_o 的梯度为零）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/controls.py" line="222"/>
        <source>o_t = 1</source>
        <translation>o_t = 1</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="118"/>
        <source>Import table — {name}</source>
        <translation>导入表格 —— {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="126"/>
        <source>Choose the role of each column: &lt;b&gt;inputs&lt;/b&gt; x_t feed the cell, &lt;b&gt;targets&lt;/b&gt; y_t are what it should predict (optional). One row is one time step. Select several columns to give them one role at once.</source>
        <translation>选择每一列的角色：&lt;b&gt;输入&lt;/b&gt; x_t 送入记忆单元，&lt;b&gt;目标&lt;/b&gt; y_t 是它应当预测的值（可选）。一行即一个时间步。选中多列可一次赋予同一角色。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="133"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="135"/>
        <source>comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="136"/>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="137"/>
        <source>semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="138"/>
        <source>bar ( | )</source>
        <translation>竖线（ | ）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="139"/>
        <source>spaces</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="142"/>
        <source>First line holds the column names</source>
        <translation>第一行是列名</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="145"/>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="154"/>
        <source>Preview of the first rows</source>
        <translation>前几行的预览</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="166"/>
        <source>Selected columns:</source>
        <translation>选中的列：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="170"/>
        <source>Inputs x</source>
        <translation>设为输入 x</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="171"/>
        <source>Targets y</source>
        <translation>设为目标 y</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="172"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="186"/>
        <source>automatic (standardise columns beyond ±5)</source>
        <translation>自动（标准化超出 ±5 的列）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="187"/>
        <source>standardise (mean 0, std. dev. 1)</source>
        <translation>标准化（均值 0，标准差 1）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="188"/>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="480"/>
        <source>min-max to [0, 1]</source>
        <translation>最小-最大缩放到 [0, 1]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="189"/>
        <source>none (the values as in the file)</source>
        <translation>不缩放（保持文件中的值）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="196"/>
        <source>Scaling of the inputs</source>
        <translation>输入的缩放</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="197"/>
        <source>Scaling of the targets</source>
        <translation>目标的缩放</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="206"/>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="208"/>
        <source>stop with an error</source>
        <translation>报错并停止</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="209"/>
        <source>drop the row</source>
        <translation>删除该行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="210"/>
        <source>interpolate between neighbours</source>
        <translation>用相邻值线性插值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="211"/>
        <source>repeat the previous value</source>
        <translation>沿用前一个值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="212"/>
        <source>use 0</source>
        <translation>填 0</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="217"/>
        <source>Empty cells, NA, NaN and null in the columns that are read</source>
        <translation>所读取的列中的空单元格、&quot;NA&quot;、&quot;NaN&quot; 和 &quot;null&quot;</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="220"/>
        <source>Scale the inputs:</source>
        <translation>缩放输入：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="222"/>
        <source>Scale the targets:</source>
        <translation>缩放目标：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="223"/>
        <source>Missing values:</source>
        <translation>缺失值：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="228"/>
        <source>Chosen columns</source>
        <translation>已选的列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="351"/>
        <source>(your choice)</source>
        <translation>（你的选择）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="351"/>
        <source>(detected)</source>
        <translation>（自动检测）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="372"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="379"/>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="380"/>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="381"/>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="390"/>
        <source>Role of column {name}</source>
        <translation>列 {name} 的角色</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="395"/>
        <source>A date, time or index column: it labels the steps (the x axis of the plots) rather than feeding the cell</source>
        <translation>日期、时间或序号列：它标注时间步（图表的横轴），而不送入记忆单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="400"/>
        <source>No number in the first rows: a text column</source>
        <translation>前几行中没有数字：这是一个文本列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="451"/>
        <source>Inputs (D = {d}): {names}</source>
        <translation>输入（D = {d}）：{names}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="454"/>
        <source>Targets (P = {p}): {names}</source>
        <translation>目标（P = {p}）：{names}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="461"/>
        <source>The steps are labelled by {name} (the x axis of the plots).</source>
        <translation>时间步由 {name} 标注（图表的横轴）。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="479"/>
        <source>standardised</source>
        <translation>标准化</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="481"/>
        <source>as in the file</source>
        <translation>保持原值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="494"/>
        <source>{name}: {low} … {high}, mean {mean}, std. dev. {std} → {scaling}</source>
        <translation>{name}：{low} … {high}，均值 {mean}，标准差 {std} → {scaling}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="508"/>
        <source>Statistics of the first {n} rows; the scaling uses the whole file.</source>
        <translation>前 {n} 行的统计量；缩放使用整个文件的统计量。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="511"/>
        <source>Statistics of all {n} rows.</source>
        <translation>全部 {n} 行的统计量。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="522"/>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="524"/>
        <source>line {line}, column {column} ({name})</source>
        <translation>第 {line} 行，第 {column} 列（{name}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="529"/>
        <source>{n} cell(s) of the preview will fail to load (marked); the first, {place}: {reason}</source>
        <translation>预览中有 {n} 个单元格将无法读取（已标出）；第一个在 {place}：{reason}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="537"/>
        <source>Choose what to do with missing values above.</source>
        <translation>请在上方选择如何处理缺失值。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="539"/>
        <source>Skip the columns that hold text.</source>
        <translation>请跳过含有文本的列。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="468"/>
        <source>Choose at least one input column.</source>
        <translation>请至少选择一个输入列。</translation>
    </message>
</context>
<context>
    <name>EquationsPanel</name>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="192"/>
        <source>Equations of the current step</source>
        <extracomment>Smallest font (points) the lines shrink to when the view is too narrow.</extracomment>
        <translation>当前时间步的方程</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="193"/>
        <source>Copy the equations</source>
        <translation>复制方程</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="217"/>
        <source>t = 0: the initial state, before any input.</source>
        <translation>t = 0：初始状态，尚无任何输入。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="220"/>
        <source>Press Step (→) to compute step 1.</source>
        <translation>按“单步”（→）计算第 1 步。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="256"/>
        <source>ŷ = the model&apos;s head on its top layer, time {time}</source>
        <translation>ŷ = 模型输出头作用于顶层，时刻 {time}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="258"/>
        <source>ŷ_t = W_y·h_t + b_y (read-out)</source>
        <translation>ŷ_t = W_y·h_t + b_y（读出层）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="263"/>
        <source>target y_t = {y}</source>
        <translation>目标 y_t = {y}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/equations.py" line="276"/>
        <source>Step t = {t} of {T}, unit {j}</source>
        <translation>时间步 t = {t} / {T}，单元 {j}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="134"/>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="135"/>
        <source>SVG vector drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="136"/>
        <source>CSV data (the curves&apos; values)</source>
        <translation>CSV 数据（曲线的数值）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="141"/>
        <source>Plot panel</source>
        <translation>绘图面板</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="147"/>
        <source>Panel:</source>
        <translation>面板：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="149"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="152"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="154"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="157"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="157"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="159"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="163"/>
        <source>Keep the aspect ratio</source>
        <translation>保持宽高比</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="166"/>
        <source>Another aspect ratio stretches the picture (text included)</source>
        <translation>改变宽高比会拉伸图像（包括文字）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="175"/>
        <source>Device pixel ratio</source>
        <translation>设备像素比</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="178"/>
        <source>Pixels per logical pixel: 2 gives sharp lines and text on high-DPI screens and slides</source>
        <translation>每个逻辑像素对应的像素数：取 2 可在高分辨率屏幕和幻灯片上得到清晰的线条和文字</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="192"/>
        <source>Logical size:</source>
        <translation>逻辑尺寸：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="195"/>
        <source>2 or more: sharp on high-DPI screens and slides</source>
        <translation>2 或更大：在高分辨率屏幕和幻灯片上清晰</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="199"/>
        <source>Pixel ratio:</source>
        <translation>像素比：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="200"/>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="203"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="207"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="213"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="283"/>
        <source>{w} × {h} pixels</source>
        <translation>{w} × {h} 像素</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="285"/>
        <source>vector drawing, {w} × {h}</source>
        <translation>矢量图，{w} × {h}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="287"/>
        <source>the data of every curve (x and y columns)</source>
        <translation>每条曲线的数据（x 列和 y 列）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="302"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/dialogs.py" line="304"/>
        <source>{label} (*{suffix})</source>
        <translation>{label} (*{suffix})</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="125"/>
        <source>Inputs x_t and targets y_t</source>
        <translation>输入 x_t 与目标 y_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="126"/>
        <source>Gates f_t, i_t, o_t</source>
        <translation>门 f_t、i_t、o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="127"/>
        <source>Cell state C_t</source>
        <translation>细胞状态 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="128"/>
        <source>Hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="129"/>
        <source>Gradient norms ‖∂L/∂C_k‖, ‖∂L/∂h_k‖</source>
        <translation>梯度范数 ‖∂L/∂C_k‖、‖∂L/∂h_k‖</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="148"/>
        <source>Export all plot panels</source>
        <translation>导出所有绘图面板</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="169"/>
        <source>Export a plot panel</source>
        <translation>导出一个绘图面板</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="190"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="205"/>
        <source>lstm-sim plots</source>
        <translation>lstm-sim 图表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="218"/>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="228"/>
        <source>Export the cell diagram</source>
        <translation>导出记忆单元示意图</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="242"/>
        <source>LSTM memory cell</source>
        <translation>LSTM 记忆单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="256"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="257"/>
        <source>NumPy arrays (*.npz)</source>
        <translation>NumPy 数组 (*.npz)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="260"/>
        <source>Export the trace</source>
        <translation>导出运行轨迹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="304"/>
        <source>Exporting the trace to {name}…</source>
        <translation>正在将运行轨迹导出到 {name}…</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="181"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="182"/>
        <source>Open a sequence: CSV/TSV, NPY, NPZ, JSON or plain text</source>
        <translation>打开序列：CSV/TSV、NPY、NPZ、JSON 或纯文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="186"/>
        <source>Open &amp;Weights…</source>
        <translation>打开权重(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="187"/>
        <source>Load trained weights: PyTorch, Keras or lstm-sim files</source>
        <translation>加载训练好的权重：PyTorch、Keras 或 lstm-sim 文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="192"/>
        <source>Open a saved lstm-sim session</source>
        <translation>打开已保存的 lstm-sim 会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="194"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="197"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="198"/>
        <source>Save the session: sequence, weights, step and settings</source>
        <translation>保存会话：序列、权重、当前时间步和设置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="201"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="201"/>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="206"/>
        <source>Save the cell&apos;s weights (and read-out) as .npz, .json or .safetensors</source>
        <translation>将记忆单元的权重（及读出层）保存为 .npz、.json 或 .safetensors</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="211"/>
        <source>&amp;Plots (all panels)…</source>
        <translation>图表（全部面板）(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="212"/>
        <source>All plot panels as PNG, SVG or CSV</source>
        <translation>将所有绘图面板导出为 PNG、SVG 或 CSV</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="217"/>
        <source>One plot panel as PNG, SVG or CSV</source>
        <translation>将一个绘图面板导出为 PNG、SVG 或 CSV</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="221"/>
        <source>Cell &amp;diagram…</source>
        <translation>记忆单元示意图(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="222"/>
        <source>The memory-cell diagram as PNG or SVG</source>
        <translation>将记忆单元示意图导出为 PNG 或 SVG</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="226"/>
        <source>&amp;Trace (CSV / NPZ)…</source>
        <translation>运行轨迹（CSV / NPZ）(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="227"/>
        <source>Every step: inputs, targets, gates, C, h and gradient norms</source>
        <translation>每个时间步的输入、目标、门、C、h 和梯度范数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="264"/>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="291"/>
        <source>Busy with another file: wait for it or cancel it</source>
        <translation>正在处理另一个文件：请等待其完成或将其取消</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="316"/>
        <source>Cancelled: nothing was changed</source>
        <translation>已取消：没有做任何更改</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="320"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="309"/>
        <source>Cannot save the file</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="191"/>
        <source>Open Sess&amp;ion…</source>
        <translation>打开会话(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="205"/>
        <source>Save Wei&amp;ghts…</source>
        <translation>保存权重(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="208"/>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="216"/>
        <source>&amp;Current plot panel…</source>
        <translation>当前绘图面板(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="395"/>
        <source>All supported files ({patterns})</source>
        <translation>所有支持的文件 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="399"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="405"/>
        <source>CSV table</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="406"/>
        <source>NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="407"/>
        <source>NumPy arrays</source>
        <translation>NumPy 数组集</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="408"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="409"/>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="410"/>
        <source>safetensors</source>
        <translation>safetensors</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="411"/>
        <source>PyTorch state dict</source>
        <translation>PyTorch 状态字典</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/actions.py" line="412"/>
        <source>Keras weights</source>
        <translation>Keras 权重</translation>
    </message>
</context>
<context>
    <name>FileErrors</name>
    <message>
        <location filename="../../lstm_sim/engine/errors.py" line="188"/>
        <source>{subject}: {reason}</source>
        <extracomment>The translation context of every file (and wrapped engine) error template. ``translate(context, source) -&gt; translation`` (e.g. ``QCoreApplication.translate``). A message: plain text (kept as it is, e.g. what a library said) or a :class:`Text`.</extracomment>
        <translation>{subject}：{reason}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="57"/>
        <source>not a numeric array ({detail})</source>
        <extracomment>Row-block order of PyTorch (and of every array in this package that is 4H long). Names of the gates in words, for labels.</extracomment>
        <translation>不是数值数组（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="63"/>
        <location filename="../../lstm_sim/io/session_file.py" line="224"/>
        <source>expected shape {expected}, got {shape}</source>
        <translation>形状应为 {expected}，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="74"/>
        <source>non-finite value {value} at index ({index})</source>
        <translation>索引 ({index}) 处有非有限值 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="310"/>
        <source>expected shape (4H, H) with H ≥ 1, got {shape}</source>
        <translation>形状应为 (4H, H) 且 H ≥ 1，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="321"/>
        <source>expected shape ({rows}, D) with D ≥ 1, got {shape}</source>
        <translation>形状应为 ({rows}, D) 且 D ≥ 1，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="457"/>
        <location filename="../../lstm_sim/io/weights.py" line="416"/>
        <source>LSTMs with projections (proj_size &gt; 0) are not supported</source>
        <translation>不支持带投影的 LSTM（proj_size &gt; 0）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="472"/>
        <source>no keys</source>
        <translation>没有任何键</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="476"/>
        <source>missing key (expected {cell} or {module} names for {layer}; found {found})</source>
        <translation>缺少键（应为{layer}的 {cell} 或 {module} 名称；找到的是：{found}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="496"/>
        <source>layer {layer} reverse</source>
        <translation>第 {layer} 层（反向）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/params.py" line="497"/>
        <source>layer {layer}</source>
        <translation>第 {layer} 层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="67"/>
        <source>the image is too large ({w} × {h})</source>
        <translation>图像过大（{w} × {h}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="73"/>
        <source>could not encode the image as PNG</source>
        <translation>无法将图像编码为 PNG</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="78"/>
        <source>could not start the SVG generator</source>
        <translation>无法启动 SVG 生成器</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="84"/>
        <source>the generated SVG is not valid XML ({detail})</source>
        <translation>生成的 SVG 不是有效的 XML（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="269"/>
        <source>the device pixel ratio must be positive</source>
        <translation>设备像素比必须为正数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="432"/>
        <location filename="../../lstm_sim/gui/plots/table.py" line="50"/>
        <source>the plot has no curves</source>
        <translation>该图中没有曲线</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="343"/>
        <source>readout</source>
        <translation>读出层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="184"/>
        <source>no plot panel {panel}</source>
        <translation>没有图表面板 {panel}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="346"/>
        <location filename="../../lstm_sim/session/document.py" line="112"/>
        <source>expected an integer 0 … {last}, got {value}</source>
        <translation>应为 0 … {last} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/settings.py" line="55"/>
        <source>expected null or an integer ≥ 1, got {value}</source>
        <extracomment>The losses of the gradient panels (see :attr:`Settings.loss`). How the RNN&apos;s gradient is clipped (see :attr:`Settings.clip_mode`).</extracomment>
        <translation>应为 null 或 ≥ 1 的整数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/settings.py" line="67"/>
        <location filename="../../lstm_sim/session/settings.py" line="80"/>
        <source>expected one of {choices}, got {value}</source>
        <translation>应为 {choices} 之一，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/settings.py" line="93"/>
        <source>expected a positive number, got {value}</source>
        <translation>应为正数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/settings.py" line="105"/>
        <source>expected true or false, got {value}</source>
        <translation>应为 true 或 false，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/settings.py" line="129"/>
        <source>expected an integer ≥ 0, got {value}</source>
        <translation>应为 ≥ 0 的整数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/exports.py" line="55"/>
        <source>unknown format {format}</source>
        <translation>未知格式 {format}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="387"/>
        <source>the generated SVG does not render</source>
        <translation>生成的 SVG 无法渲染</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="49"/>
        <source>is a directory, not a file</source>
        <extracomment>Bytes of a file&apos;s start that :func:`read_bytes` looks at before reading the rest (enough for any NPY header, which is at most 100 000 bytes).</extracomment>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="55"/>
        <location filename="../../lstm_sim/io/sequences.py" line="561"/>
        <source>empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="56"/>
        <source>the file holds only blanks</source>
        <translation>文件中只有空白字符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="61"/>
        <source>no space left on device</source>
        <extracomment>Reasons for the common OS errors, by errno (translatable; others keep the OS&apos;s words).</extracomment>
        <translation>设备上没有剩余空间</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="62"/>
        <source>read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="63"/>
        <source>not a directory</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="64"/>
        <source>file name too long</source>
        <translation>文件名过长</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="65"/>
        <source>too many open files</source>
        <translation>打开的文件过多</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="66"/>
        <source>input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="67"/>
        <source>file exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="68"/>
        <source>device or resource busy</source>
        <translation>设备或资源忙</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="69"/>
        <source>file too large</source>
        <translation>文件过大</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="72"/>
        <source>disk quota exceeded</source>
        <translation>超出磁盘配额</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="84"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="87"/>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="88"/>
        <source>permission denied (the file cannot be read)</source>
        <translation>权限不足（无法读取该文件）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="103"/>
        <source>is a device, not a data file</source>
        <translation>是一个设备，不是数据文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="105"/>
        <source>is a named pipe (FIFO), not a data file</source>
        <translation>是一个命名管道（FIFO），不是数据文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="107"/>
        <source>is a socket, not a data file</source>
        <translation>是一个套接字，不是数据文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="108"/>
        <source>is not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="129"/>
        <source>invalid file name</source>
        <translation>文件名无效</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="231"/>
        <location filename="../../lstm_sim/io/csv_text.py" line="196"/>
        <source>too large to read into memory</source>
        <translation>文件过大，无法读入内存</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="250"/>
        <location filename="../../lstm_sim/io/csv_text.py" line="121"/>
        <location filename="../../lstm_sim/io/csv_text.py" line="129"/>
        <location filename="../../lstm_sim/io/csv_text.py" line="256"/>
        <source>line {line} (byte {byte})</source>
        <translation>第 {line} 行（字节 {byte}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="255"/>
        <location filename="../../lstm_sim/io/csv_text.py" line="131"/>
        <source>not UTF-8 text (is this a binary file, or text in another encoding?)</source>
        <translation>不是 UTF-8 文本（这是二进制文件，还是其他编码的文本？）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="336"/>
        <source>is a directory</source>
        <translation>是文件夹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="359"/>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="363"/>
        <location filename="../../lstm_sim/io/_files.py" line="370"/>
        <source>cannot write: {reason}</source>
        <translation>无法写入：{reason}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_files.py" line="371"/>
        <source>not enough memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_worker.py" line="61"/>
        <source>too large, or damaged (the HDF5 reader ran out of memory)</source>
        <translation>文件过大或已损坏（HDF5 读取程序内存不足）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="49"/>
        <source>not JSON: {detail}</source>
        <translation>不是 JSON：{detail}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="53"/>
        <source>not usable JSON: nested too deeply</source>
        <translation>无法使用的 JSON：嵌套过深</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="57"/>
        <source>not usable JSON: {detail}</source>
        <translation>无法使用的 JSON：{detail}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="70"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="72"/>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="78"/>
        <source>expected a number, got {got}</source>
        <translation>应为数字，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="83"/>
        <source>expected a list, got {got}</source>
        <translation>应为列表，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="89"/>
        <source>{value} is not allowed (values must be finite)</source>
        <translation>不允许 {value}（数值必须是有限的）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="101"/>
        <source>number too large</source>
        <translation>数字过大</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="114"/>
        <source>empty list</source>
        <translation>空列表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="126"/>
        <source>empty row</source>
        <translation>空行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_json.py" line="137"/>
        <source>row has {count} values, expected {width} like {first}</source>
        <translation>该行有 {count} 个值，应与 {first} 一样有 {width} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="91"/>
        <source>not a NumPy .npy file (no \x93NUMPY signature at byte 0)</source>
        <translation>不是 NumPy .npy 文件（字节 0 处没有 \x93NUMPY 签名）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="64"/>
        <location filename="../../lstm_sim/io/_npy.py" line="70"/>
        <source>truncated NPY header</source>
        <translation>NPY 文件头不完整</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="74"/>
        <source>unsupported NPY format version {version}</source>
        <translation>不支持的 NPY 格式版本 {version}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="98"/>
        <location filename="../../lstm_sim/io/_npy.py" line="303"/>
        <source>truncated or damaged NPY header</source>
        <translation>NPY 文件头不完整或已损坏</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="105"/>
        <source>damaged NPY header (not a Python literal)</source>
        <translation>NPY 文件头已损坏（不是 Python 字面量）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="110"/>
        <source>damaged NPY header (expected keys descr, fortran_order, shape)</source>
        <translation>NPY 文件头已损坏（应有键 descr、fortran_order、shape）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="123"/>
        <source>damaged NPY header (shape {shape}, fortran_order {fortran})</source>
        <translation>NPY 文件头已损坏（shape 为 {shape}，fortran_order 为 {fortran}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="135"/>
        <source>damaged NPY header (unknown dtype {dtype})</source>
        <translation>NPY 文件头已损坏（未知的数据类型 {dtype}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="142"/>
        <source>object array: lstm-sim never unpickles data (save numbers, e.g. float64, instead)</source>
        <translation>对象数组：lstm-sim 从不对数据做 pickle 反序列化（请改为保存数值，例如 float64）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="152"/>
        <source>damaged NPY header ({count} dimensions)</source>
        <translation>NPY 文件头已损坏（{count} 个维度）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="166"/>
        <source>truncated: the header announces shape {shape} of {dtype} ({size} bytes), the file holds {found} bytes of data</source>
        <translation>文件不完整：文件头声明了形状为 {shape}、类型为 {dtype} 的数组（{size} 字节），但文件中只有 {found} 字节的数据</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="182"/>
        <source>{count} unexpected bytes after the array of shape {shape}</source>
        <translation>形状为 {shape} 的数组之后有 {count} 个多余的字节</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="198"/>
        <source>{rows} rows of an array of shape {shape}</source>
        <translation>形状为 {shape} 的数组中的 {rows} 行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="241"/>
        <source>damaged NPY data ({detail})</source>
        <translation>NPY 数据已损坏（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="326"/>
        <location filename="../../lstm_sim/io/keras_model.py" line="94"/>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="106"/>
        <source>{count} values per step: more than lstm-sim takes ({limit})</source>
        <translation>每步 {count} 个值：超过 lstm-sim 的上限（{limit}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="123"/>
        <source>H = {count} units: more than lstm-sim takes ({limit})</source>
        <translation>H = {count} 个单元：超过 lstm-sim 的上限（{limit}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="133"/>
        <source>a file of {size}</source>
        <translation>大小为 {size} 的文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="139"/>
        <location filename="../../lstm_sim/io/_budgets.py" line="216"/>
        <location filename="../../lstm_sim/io/_npy.py" line="331"/>
        <location filename="../../lstm_sim/io/keras_model.py" line="325"/>
        <location filename="../../lstm_sim/io/weights.py" line="270"/>
        <source>byte {byte}</source>
        <translation>字节 {byte}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="141"/>
        <source>binary data (a zero byte), not {what}</source>
        <translation>二进制数据（含零字节），不是{what}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="194"/>
        <source>JSON text</source>
        <translation>JSON 文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="198"/>
        <source>a JSON file of {size}</source>
        <translation>大小为 {size} 的 JSON 文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="204"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="234"/>
        <source>not a valid safetensors file: its header is not a JSON object</source>
        <translation>不是有效的 safetensors 文件：其文件头不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="244"/>
        <source>not a valid safetensors file: its header announces {length} bytes, but only {size} follow</source>
        <translation>不是有效的 safetensors 文件：文件头声明有 {length} 字节，但其后只有 {size} 字节</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="67"/>
        <location filename="../../lstm_sim/io/_npy.py" line="361"/>
        <source>not an NPZ file (no zip signature)</source>
        <extracomment>Memory a parsed JSON document takes per byte of its text, at most (measured: ≈ 22 for a list of one-number rows, ≈ 26 for a list of small objects, plus the float64 array made from it). Memory a text file read as characters takes per byte, at most (the string, its code points, their sorted copy and indices). safetensors&apos; own limit on its JSON header. (suffixes, signatures a file of that suffix starts with, the reason when it does not).</extracomment>
        <translation>不是 NPZ 文件（没有 zip 签名）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_zip.py" line="88"/>
        <source>damaged zip entry ({detail})</source>
        <extracomment>Most entries an archive may have (a state dict of a few hundred tensors has as many). Largest unpacked / packed size ratio of a member above :data:`RATIO_FLOOR`. Members unpacking to less than this are not checked for their ratio.</extracomment>
        <translation>zip 条目已损坏（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_zip.py" line="139"/>
        <source>the archive announces {count} entries (at most {limit})</source>
        <translation>压缩包声明有 {count} 个条目（最多 {limit} 个）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_zip.py" line="156"/>
        <source>not a valid {kind} (zip) file ({detail})</source>
        <translation>不是有效的 {kind}（zip）文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_zip.py" line="168"/>
        <source>packed with method {method}; lstm-sim unpacks only stored or deflated members</source>
        <translation>使用压缩方法 {method}；lstm-sim 只解压未压缩或以 deflate 压缩的条目</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_zip.py" line="182"/>
        <source>a zip bomb? {packed} would unpack to {size} ({ratio}:1; honest data stays below {limit}:1)</source>
        <translation>疑似压缩炸弹：{packed} 解压后将达 {size}（{ratio}:1；正常数据低于 {limit}:1）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_zip.py" line="220"/>
        <source>the archive member {name} ({size})</source>
        <translation>压缩包条目 {name}（{size}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_npy.py" line="380"/>
        <source>the NPZ file holds no arrays</source>
        <translation>该 NPZ 文件中没有数组</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="314"/>
        <source>empty cell, a missing value (choose what to do with it: {choices})</source>
        <extracomment>How the missing-value error tells the user what to choose (the command line&apos;s option).</extracomment>
        <translation>空单元格，即缺失值（请选择如何处理：{choices}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="320"/>
        <source>{value} marks a missing value (choose what to do with it: {choices})</source>
        <translation>{value} 表示缺失值（请选择如何处理：{choices}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="343"/>
        <location filename="../../lstm_sim/io/csv_text.py" line="359"/>
        <source>a cell of more than {limit} characters ({start}): not a table of numbers</source>
        <translation>单元格超过 {limit} 个字符（{start}）：不是数值表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="470"/>
        <source>the file holds only blank lines</source>
        <translation>文件中只有空行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="478"/>
        <source>delimiter must be one character, got {delimiter}</source>
        <translation>分隔符必须是单个字符，实际为 {delimiter}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="166"/>
        <source>column {column}</source>
        <extracomment>A column chosen by header name or by 0-based index.</extracomment>
        <translation>列 {column}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="172"/>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="174"/>
        <source>targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="148"/>
        <source>not a CSV line ({detail})</source>
        <extracomment>Cells (lower case, stripped) that mark a missing value; the empty cell too. Column names (lower case, without blanks and punctuation) of time and index columns. The roles a column can have.</extracomment>
        <translation>不是有效的 CSV 行（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="202"/>
        <source>no such column for {option} (columns: {columns})</source>
        <translation>{option}中指定的列不存在（现有的列：{columns}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="215"/>
        <source>{option}: expected a name or an index</source>
        <translation>{option}：应为列名或索引</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="225"/>
        <source>{option}: index out of range (the file has {count} columns, numbered from 0)</source>
        <translation>{option}：索引超出范围（文件有 {count} 列，从 0 开始编号）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="333"/>
        <source>line {line}, column {column} ({name})</source>
        <translation>第 {line} 行，第 {column} 列（{name}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="294"/>
        <source>{count} cells, expected {width} like {like}</source>
        <translation>有 {count} 个单元格，应与{like}一样有 {width} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="303"/>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="239"/>
        <source>no data rows</source>
        <translation>没有数据行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="244"/>
        <source>chosen both as input and as target</source>
        <translation>同时被选为输入和目标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="249"/>
        <source>a table of {rows} rows and {columns} columns</source>
        <translation>{rows} 行 × {columns} 列的表格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="375"/>
        <source>no data rows after the header</source>
        <translation>表头之后没有数据行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="436"/>
        <source>no value in this column to fill from</source>
        <translation>此列没有任何值可用于填补</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="443"/>
        <source>every row has a missing value: no row is left</source>
        <translation>每一行都有缺失值：没有剩下任何行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_table.py" line="492"/>
        <source>no numeric input column (choose the input columns, e.g. --inputs 0,1)</source>
        <translation>没有数值型输入列（请选择输入列，例如 --inputs 0,1）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="501"/>
        <source>the header (line {line})</source>
        <translation>表头（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_layout.py" line="507"/>
        <source>the first row</source>
        <translation>第一行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="199"/>
        <source>{file}: {place}: {reason}</source>
        <extracomment>Longest field (a value, a name, a library&apos;s words) a message shows; longer ones are cut.</extracomment>
        <translation>{file}：{place}：{reason}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="205"/>
        <source>{file}: {reason}</source>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="225"/>
        <source>missing (keys found: {keys})</source>
        <translation>缺失（找到的键：{keys}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="231"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="236"/>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="242"/>
        <source>line {line}, column {column}</source>
        <translation>第 {line} 行，第 {column} 列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="250"/>
        <source>key {key}</source>
        <translation>键 {key}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="257"/>
        <source>{place}, index [{index}]</source>
        <translation>{place}，索引 [{index}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/errors.py" line="259"/>
        <source>index [{index}]</source>
        <translation>索引 [{index}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="67"/>
        <source>reading Keras files needs h5py, which is not installed (pip install &apos;lstm-sim[keras]&apos; or pip install h5py)</source>
        <translation>读取 Keras 文件需要 h5py，但它尚未安装（pip install &apos;lstm-sim[keras]&apos; 或 pip install h5py）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="80"/>
        <source>expected numbers, got dtype {dtype}</source>
        <translation>应为数值，实际数据类型为 {dtype}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/convert.py" line="97"/>
        <location filename="../../lstm_sim/io/keras_model.py" line="68"/>
        <source>layer {name}</source>
        <extracomment>Layers that do nothing at inference.</extracomment>
        <translation>层 {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/convert.py" line="99"/>
        <source>{what} is not supported: lstm-sim models are made of LSTM layers and a linear head</source>
        <translation>不支持 {what}：lstm-sim 的模型只由 LSTM 层和一个线性输出头组成</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="227"/>
        <source>activation {activation}, recurrent_activation {recurrent}: lstm-sim&apos;s cell computes tanh and the logistic sigmoid, so it would not reproduce this model</source>
        <translation>激活函数 activation 为 {activation}，recurrent_activation 为 {recurrent}：lstm-sim 的记忆单元计算的是 tanh 和 logistic sigmoid 函数，因此无法重现该模型</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="95"/>
        <source>unreadable dataset ({detail})</source>
        <translation>无法读取的数据集（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="206"/>
        <source>not a readable HDF5 file ({detail})</source>
        <extracomment>The cells (and Dense layers), the legacy model config, the top-level layer groups.</extracomment>
        <translation>不是可读取的 HDF5 文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="259"/>
        <source>the HDF5 library did not finish reading this file within {seconds} s (it is probably damaged)</source>
        <extracomment>Seconds a separate process may take to read an HDF5 file before it is given up. Read HDF5 files in a separate process (not possible in a frozen executable).</extracomment>
        <translation>HDF5 库未能在 {seconds} 秒内读完此文件（文件可能已损坏）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="272"/>
        <source>cannot start the HDF5 reader ({detail})</source>
        <translation>无法启动 HDF5 读取程序（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="280"/>
        <source>not a readable HDF5 file</source>
        <translation>不是可读取的 HDF5 文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="289"/>
        <source>the HDF5 library failed on this file (it is probably damaged) ({detail})</source>
        <translation>HDF5 库读取此文件失败（文件可能已损坏）（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="300"/>
        <source>the HDF5 library failed on this file (it is probably damaged)</source>
        <translation>HDF5 库读取此文件失败（文件可能已损坏）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="76"/>
        <source>{what} is not supported: lstm-sim models are made of LSTM, Bidirectional(LSTM) and a final linear Dense layer</source>
        <translation>不支持 {what}：lstm-sim 的模型只由 LSTM、Bidirectional(LSTM) 和最后一个线性 Dense 层组成</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="106"/>
        <source>not a .keras file: no model.weights.h5 inside (found: {found})</source>
        <translation>不是 .keras 文件：其中没有 model.weights.h5（找到的是：{found}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="112"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="125"/>
        <source>not a valid .keras (zip) file ({detail})</source>
        <translation>不是有效的 .keras（zip）文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="134"/>
        <source>not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="206"/>
        <source>reads {sources}: only a chain of layers (each reading the one before) is supported</source>
        <translation>读取 {sources}：只支持层的链（每层读取前一层）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_budgets.py" line="72"/>
        <location filename="../../lstm_sim/io/keras_model.py" line="326"/>
        <source>not an HDF5 file (no \x89HDF signature)</source>
        <translation>不是 HDF5 文件（没有 \x89HDF 签名）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="401"/>
        <source>the config names it, but the file has no weights for it</source>
        <translation>配置中有这一层，但文件中没有它的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="427"/>
        <source>weights of a layer the model&apos;s config does not have</source>
        <translation>模型配置中没有这一层，文件中却有它的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="474"/>
        <source>the layers&apos; sizes do not chain in any order ({layers}); load the .keras file, which records the model</source>
        <translation>这些层的尺寸无论按什么顺序都接不上（{layers}）；请加载记录了模型结构的 .keras 文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="489"/>
        <source>a .weights.h5 file does not record the order of its layers, and several orders fit their sizes ({first} or {second}); load the .keras file</source>
        <translation>.weights.h5 文件不记录层的顺序，而有多种顺序符合它们的尺寸（{first} 或 {second}）；请加载 .keras 文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="499"/>
        <source>a .weights.h5 file records neither activations nor go_backwards nor the layer order: assumed tanh and sigmoid, forward in time, the order {order} (the only one the sizes allow) and a head on every step; load the .keras file to have them checked</source>
        <translation>.weights.h5 文件既不记录激活函数，也不记录 go_backwards 和层的顺序：假定为 tanh 和 sigmoid、按时间正向、顺序 {order}（尺寸唯一允许的顺序），输出头作用于每一步；加载 .keras 文件可以核对这些设置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="571"/>
        <source>the top layer returns only its final state; shown: its whole sequence</source>
        <translation>顶层只返回最终状态；显示的是它的整个序列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_model.py" line="140"/>
        <source>no LSTM layer found in this Keras file</source>
        <translation>此 Keras 文件中没有 LSTM 层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="335"/>
        <source>recurrent kernel: expected shape (H, 4H), got {shape}</source>
        <translation>循环核矩阵：形状应为 (H, 4H)，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="347"/>
        <source>kernel: expected shape (D, {columns}) to match the recurrent kernel {recurrent}, got {shape}</source>
        <translation>核矩阵：形状应为 (D, {columns})，以与循环核矩阵 {recurrent} 相匹配，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="365"/>
        <source>bias: expected shape ({columns},) to match the recurrent kernel {recurrent}, got {shape}</source>
        <translation>偏置：形状应为 ({columns},)，以与循环核矩阵 {recurrent} 相匹配，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="377"/>
        <source>{place} (no bias: zero)</source>
        <translation>{place}（无偏置：取零）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/keras_weights.py" line="384"/>
        <source>{place} (Keras has one bias)</source>
        <translation>{place}（Keras 只有一个偏置）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/registry.py" line="135"/>
        <source>unknown weights file type {suffix} (expected one of: {known})</source>
        <extracomment>What a file can hold: the kinds readers are registered for. Bytes of a file&apos;s start that the identifiers look at.</extracomment>
        <translation>未知的权重文件类型 {suffix}（应为以下之一：{known}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/registry.py" line="143"/>
        <source>unknown sequence file type {suffix} (expected one of: {known})</source>
        <translation>未知的序列文件类型 {suffix}（应为以下之一：{known}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/registry.py" line="166"/>
        <source>cannot save weights as {suffix} (choose one of: {known})</source>
        <translation>无法将权重保存为 {suffix}（请选择以下之一：{known}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/registry.py" line="174"/>
        <source>cannot save sequences as {suffix} (choose one of: {known})</source>
        <translation>无法将序列保存为 {suffix}（请选择以下之一：{known}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/registry.py" line="186"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="143"/>
        <source>max_steps must be at least 1, got {value}</source>
        <extracomment>Characters × vocabulary above which a text file is refused (two float64 one-hot arrays).</extracomment>
        <translation>max_steps 至少应为 1，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="193"/>
        <source>too large to load into memory</source>
        <translation>文件过大，无法载入内存</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="199"/>
        <source>unreadable ({error}: {detail})</source>
        <translation>无法读取（{error}：{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="251"/>
        <source>no input column chosen</source>
        <translation>未选择输入列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="297"/>
        <source>expected numbers, got an array of dtype {dtype}</source>
        <translation>应为数值，实际为数据类型 {dtype} 的数组</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="304"/>
        <source>an array of shape {shape}</source>
        <translation>形状为 {shape} 的数组</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="323"/>
        <source>{what}: expected shape (T,) or (T, D), got {shape}</source>
        <translation>{what}：形状应为 (T,) 或 (T, D)，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="334"/>
        <source>{what}: empty (0 steps)</source>
        <translation>{what}：为空（0 步）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="341"/>
        <source>{what}: no columns (shape {shape})</source>
        <translation>{what}：没有列（形状为 {shape}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="357"/>
        <source>expected a list of strings, got dtype {dtype}</source>
        <translation>应为字符串列表，实际数据类型为 {dtype}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="366"/>
        <location filename="../../lstm_sim/scaling.py" line="232"/>
        <source>expected a list of strings</source>
        <translation>应为字符串列表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="373"/>
        <source>expected {count} names, got {got}</source>
        <translation>应有 {count} 个名称，实际有 {got} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="432"/>
        <source>missing key &apos;x&apos; or &apos;inputs&apos; (keys found: {keys})</source>
        <translation>缺少键 &apos;x&apos; 或 &apos;inputs&apos;（找到的键：{keys}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="446"/>
        <source>{count} steps, but the inputs ({key}) have {steps}</source>
        <translation>有 {count} 步，但输入（{key}）有 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="475"/>
        <source>expected a JSON object with &apos;inputs&apos; or a list of steps</source>
        <translation>应为含有 &apos;inputs&apos; 的 JSON 对象，或由各时间步组成的列表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="488"/>
        <source>missing key &apos;{key}&apos; (or &apos;x&apos;); keys found: {keys}</source>
        <translation>缺少键 &apos;{key}&apos;（或 &apos;x&apos;）；找到的键：{keys}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="505"/>
        <source>{count} steps, but {key} has {steps}</source>
        <translation>有 {count} 步，但 {key} 有 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="572"/>
        <source>needs at least 2 characters (each step&apos;s target is the next character)</source>
        <translation>至少需要 2 个字符（每一步的目标是下一个字符）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="587"/>
        <source>too large to one-hot encode: {steps} steps × {count} distinct characters</source>
        <translation>过大，无法做独热编码：{steps} 步 × {count} 个不同字符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="656"/>
        <source>an .npy file holds one array; the targets would be lost (use .npz)</source>
        <translation>.npy 文件只能保存一个数组，目标会丢失（请使用 .npz）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="721"/>
        <source>only a character sequence (one-hot with a vocabulary) can be saved as text</source>
        <translation>只有字符序列（带词表的独热编码）才能保存为文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="130"/>
        <source>step {step} is outside 0 … {length}</source>
        <extracomment>The suffix the app proposes (the content is JSON; any suffix loads).</extracomment>
        <translation>时间步 {step} 超出 0 … {length} 的范围</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="136"/>
        <source>settings must be a dict</source>
        <translation>设置必须是字典</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="144"/>
        <source>settings are not JSON-compatible ({detail})</source>
        <translation>设置无法转换为 JSON（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="153"/>
        <source>the weights take {weights} input(s) per step but the sequence has {sequence}</source>
        <translation>权重每步需要 {weights} 个输入，而序列每步有 {sequence} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="169"/>
        <source>expected an object with weight_ih, weight_hh, …</source>
        <translation>应为含有 weight_ih、weight_hh 等的对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="202"/>
        <source>expected null or an object with weight and bias</source>
        <translation>应为 null 或含有 weight 和 bias 的对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="211"/>
        <source>expected shape (P, {hidden}), got {shape}</source>
        <translation>形状应为 (P, {hidden})，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="243"/>
        <source>expected an object with inputs and targets</source>
        <translation>应为含 inputs 和 targets 的对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="279"/>
        <source>not an lstm-sim session (expected {format})</source>
        <translation>不是 lstm-sim 会话（应为 {format}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="288"/>
        <source>missing or not an integer</source>
        <translation>缺失或不是整数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="295"/>
        <source>version {version} was written by a newer lstm-sim (this one reads up to {supported})</source>
        <translation>版本 {version} 由更新的 lstm-sim 写入（本程序最高只能读取版本 {supported}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="306"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="311"/>
        <source>expected an object with inputs, targets, …</source>
        <translation>应为含有 inputs、targets 等的对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/session_file.py" line="356"/>
        <location filename="../../lstm_sim/scaling.py" line="216"/>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/trace_export.py" line="49"/>
        <source>{name}: expected {length} values (one per step), got {count}</source>
        <extracomment>Rows formatted at a time when writing CSV.</extracomment>
        <translation>{name}：应有 {length} 个值（每步一个），实际有 {count} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="164"/>
        <source>expected a JSON object of named arrays (weight_ih, …)</source>
        <translation>应为由具名数组组成的 JSON 对象（weight_ih 等）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="211"/>
        <source>unsupported dtype {dtype}</source>
        <translation>不支持的数据类型 {dtype}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="225"/>
        <source>empty or truncated safetensors file</source>
        <translation>safetensors 文件为空或不完整</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="245"/>
        <source>not a valid safetensors file ({detail})</source>
        <translation>不是有效的 safetensors 文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="475"/>
        <source>holds more than tensors (e.g. a whole model), which would need unpickling code; lstm-sim never does that — save model.state_dict() instead</source>
        <translation>文件中不只有张量（例如整个模型），读取它需要执行 pickle 反序列化代码；lstm-sim 从不这样做——请改为保存 model.state_dict()</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="354"/>
        <location filename="../../lstm_sim/io/torch_zip.py" line="439"/>
        <location filename="../../lstm_sim/io/torch_zip.py" line="488"/>
        <source>not a readable PyTorch file ({detail})</source>
        <extracomment>How a pre-1.6 (non-zip) torch file starts: a protocol-2 pickle of a magic number.</extracomment>
        <translation>不是可读取的 PyTorch 文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="365"/>
        <source>not a PyTorch file: expected one …/data.pkl in the zip archive, found {count}</source>
        <translation>不是 PyTorch 文件：zip 压缩包中应有一个 …/data.pkl，实际找到 {count} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="379"/>
        <source>the tensors of this file</source>
        <translation>此文件的张量</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="391"/>
        <source>unknown byte order {order}</source>
        <translation>未知的字节序 {order}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="417"/>
        <source>refused to unpickle {what}: lstm-sim reads only tensors, numbers, strings and containers from PyTorch files (as torch.load(weights_only=True)) and never runs code from a file; save model.state_dict() instead</source>
        <translation>拒绝反序列化 {what}：lstm-sim 只从 PyTorch 文件中读取张量、数字、字符串和容器（与 torch.load(weights_only=True) 相同），从不运行文件中的代码；请改为保存 model.state_dict()</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="431"/>
        <source>too large for the memory</source>
        <translation>太大，内存放不下</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="458"/>
        <source>a .pt file in the format of PyTorch before 1.6 needs PyTorch to read (pip install torch); or re-save it with a current PyTorch or as .safetensors</source>
        <translation>PyTorch 1.6 之前格式的 .pt 文件需要安装 PyTorch 才能读取（pip install torch）；或者用当前的 PyTorch 重新保存，或保存为 .safetensors</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/torch_zip.py" line="517"/>
        <source>expected a state dict (names → tensors), got {type}</source>
        <translation>应为状态字典（名称 → 张量），实际为 {type}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="272"/>
        <source>not a PyTorch file (neither a torch.save zip archive nor the format before PyTorch 1.6)</source>
        <translation>不是 PyTorch 文件（既不是 torch.save 的 zip 压缩包，也不是 PyTorch 1.6 之前的格式）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="330"/>
        <source>no LSTM weights: expected weight_ih, weight_hh, bias_ih, bias_hh (or nn.LSTM names such as weight_hh_l0); keys found: {keys}</source>
        <translation>没有 LSTM 权重：应有 weight_ih、weight_hh、bias_ih、bias_hh（或 weight_hh_l0 等 nn.LSTM 名称）；找到的键：{keys}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="343"/>
        <source>several LSTMs in one file (key prefixes {prefixes}); keep only one</source>
        <translation>一个文件中有多个 LSTM（键前缀 {prefixes}）；请只保留一个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="368"/>
        <source>{layer} reverse</source>
        <translation>{layer}（反向）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="389"/>
        <source>non-finite value {value} at index [{index}]</source>
        <translation>索引 [{index}] 处有非有限值 {value}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="405"/>
        <source>no {layer} in this file (it has: {layers})</source>
        <translation>此文件中没有{layer}（现有的层：{layers}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="435"/>
        <source>expected shape (4H, H), got {shape}</source>
        <translation>形状应为 (4H, H)，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="446"/>
        <source>expected shape ({rows}, D) to match weight_hh {hh}, got {shape}</source>
        <translation>形状应为 ({rows}, D)，以与 weight_hh {hh} 相匹配，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="467"/>
        <source>expected shape ({rows},) to match weight_hh {hh}, got {shape}</source>
        <translation>形状应为 ({rows},)，以与 weight_hh {hh} 相匹配，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="490"/>
        <source>readout.bias without readout.weight</source>
        <translation>有 readout.bias 却没有 readout.weight</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="499"/>
        <source>read-out weight: expected shape (P, {hidden}) (H = {hidden} units), got {shape}</source>
        <translation>读出层权重：形状应为 (P, {hidden})（H = {hidden} 个单元），实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="517"/>
        <source>read-out bias: expected shape ({rows},), got {shape}</source>
        <translation>读出层偏置：形状应为 ({rows},)，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="611"/>
        <source>unknown dtype {dtype}</source>
        <translation>未知的数据类型 {dtype}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="618"/>
        <source>dtype must be float64 or float32, got {dtype}</source>
        <translation>数据类型必须是 float64 或 float32，实际为 {dtype}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="631"/>
        <source>read-out: expected W_y (P, {hidden}) and b_y (P,), got {w} and {b}</source>
        <translation>读出层：应为 W_y (P, {hidden}) 和 b_y (P,)，实际为 {w} 和 {b}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/budget.py" line="205"/>
        <source>{what} would need {needed} of memory, but only {available} is free</source>
        <extracomment>Largest number of inputs per step (D) any file may announce. Largest hidden size (H) of a cell any file may announce. Share of the available memory one file or one trace may take: the rest is for the copies a load makes on the way, the GUI and the other programs. Used when the platform tells nothing (no /proc, no sysconf): a modest laptop.</extracomment>
        <translation>{what}需要 {needed} 内存，但只有 {available} 可用</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/model.py" line="215"/>
        <source>layer {layer} reads {inputs} input(s) per step, but layer {below} gives {outputs}</source>
        <translation>第 {layer} 层每步读取 {inputs} 个输入，但第 {below} 层给出 {outputs} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/model.py" line="232"/>
        <source>the head {name} reads {inputs} value(s), but the top layer gives {outputs}</source>
        <translation>输出头 {name} 读取 {inputs} 个值，但顶层给出 {outputs} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/model.py" line="281"/>
        <source>no {layer} in this model (it has: {layers})</source>
        <translation>此模型中没有{layer}（它有：{layers}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/model.py" line="479"/>
        <source>a model trace of {steps} steps</source>
        <translation>{steps} 步的模型轨迹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="76"/>
        <source>the model has {count} cells ({cells}); shown: {cell} (choose another with --layer and --reverse)</source>
        <translation>模型有 {count} 个单元（{cells}）；显示的是：{cell}（用 --layer 和 --reverse 选择其他单元）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="182"/>
        <source>no LSTM named {name} in this file (LSTMs found: {found})</source>
        <translation>此文件中没有名为 {name} 的 LSTM（找到的 LSTM：{found}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="195"/>
        <source>several LSTMs in one file ({found}); choose one with --lstm NAME</source>
        <translation>一个文件中有多个 LSTM（{found}）；请用 --lstm NAME 选择一个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="215"/>
        <source>layer {layer} is missing</source>
        <translation>缺少第 {layer} 层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="257"/>
        <source>no such head; 2-D weights in this file: {found}</source>
        <translation>没有这个输出头；此文件中的二维权重：{found}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="278"/>
        <source>head: {name} ({outputs} output(s) from {width} value(s), on {on}); another with --head NAME, none with --head none</source>
        <translation>输出头：{name}（由 {width} 个值得到 {outputs} 个输出，作用于{on}）；用 --head NAME 选择其他输出头，用 --head none 不用输出头</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="293"/>
        <source>the last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="295"/>
        <source>the final states</source>
        <translation>最终状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="296"/>
        <source>every step</source>
        <translation>每一步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="304"/>
        <source>several possible heads ({names}); choose one with --head NAME, or --head none</source>
        <translation>有多个可能的输出头（{names}）；请用 --head NAME 选择一个，或用 --head none</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="323"/>
        <source>head weight: expected shape (P, {width}) (the top layer gives {width} values per step), got {shape}</source>
        <translation>输出头权重：形状应为 (P, {width})（顶层每步给出 {width} 个值），实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/model_file.py" line="340"/>
        <source>head bias: expected shape ({rows},), got {shape}</source>
        <translation>输出头偏置：形状应为 ({rows},)，实际为 {shape}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/onnx_model.py" line="248"/>
        <source>node {name} ({op})</source>
        <translation>节点 {name}（{op}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/onnx_model.py" line="259"/>
        <source>{what} is not supported: lstm-sim reads ONNX graphs of LSTM nodes (default activations, no peepholes, no clip) and an optional Gemm/MatMul head</source>
        <translation>不支持 {what}：lstm-sim 读取由 LSTM 节点（默认激活函数、无窥视孔连接、无截断）和一个可选的 Gemm/MatMul 输出头组成的 ONNX 图</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/onnx_model.py" line="346"/>
        <source>not a readable ONNX file ({detail})</source>
        <translation>不是可读取的 ONNX 文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/onnx_model.py" line="373"/>
        <source>no LSTM node in this file</source>
        <translation>此文件中没有 LSTM 节点</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/trace.py" line="128"/>
        <location filename="../../lstm_sim/gui/files/opening.py" line="57"/>
        <source>a trace of {steps} steps</source>
        <translation>{steps} 步的运行轨迹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/diagnostics.py" line="99"/>
        <source>the gates are saturated (|z| &gt; {z}: σ and tanh at 0 or ±1) on {percent} of the steps, with inputs up to {peak}</source>
        <extracomment>|pre-activation| above which a gate counts as saturated. Share of a step&apos;s gate values that must be saturated for the step to count. Share of the steps that must be saturated for the trace to be reported.</extracomment>
        <translation>在 {percent} 的时间步上门已饱和（|z| &gt; {z}：σ 和 tanh 停在 0 或 ±1），输入最大达 {peak}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/diagnostics.py" line="110"/>
        <source>the gates are saturated (|z| &gt; {z}: σ and tanh at 0 or ±1) on {percent} of the steps; the inputs reach {peak}: try {remedy}</source>
        <translation>在 {percent} 的时间步上门已饱和（|z| &gt; {z}：σ 和 tanh 停在 0 或 ±1）；输入最大达 {peak}：请尝试 {remedy}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/engine/diagnostics.py" line="121"/>
        <source>The gates are saturated (|z| &gt; {z}: σ and tanh at 0 or ±1) on {percent} of the steps; the inputs reach {peak}. Scale the inputs to see the cell work.</source>
        <translation>在 {percent} 的时间步上门已饱和（|z| &gt; {z}：σ 和 tanh 停在 0 或 ±1）；输入最大达 {peak}。请缩放输入，才能看到记忆单元的工作过程。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_text.py" line="83"/>
        <source>more than {limit} cells on one line ({count}): not a table of steps</source>
        <extracomment>Characters a cell may have (a number needs &lt; 30; a label or a comment a few hundred). Characters a line may have: MAX_INPUTS cells of 256 characters. A line still open after this many characters is checked as it grows. Characters of a bad cell quoted in a message. Bytes read at a time.</extracomment>
        <translation>一行超过 {limit} 个单元格（{count}）：不是按时间步排列的表格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_text.py" line="122"/>
        <source>binary data (a zero byte), not a text table</source>
        <translation>二进制数据（含零字节），不是文本表格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_text.py" line="261"/>
        <source>not {encoding} text (the byte-order mark says it is)</source>
        <translation>不是 {encoding} 文本（但字节顺序标记表明是）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/csv_text.py" line="372"/>
        <source>a line of more than {limit} characters: not a table of numbers</source>
        <translation>一行超过 {limit} 个字符：不是数值表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="90"/>
        <source>unknown scaling {method} (expected one of: {known})</source>
        <extracomment>The stored methods (what a column was scaled with). What a user may choose: a method, or ``auto`` (standard or none per column). ``auto`` standardises a column with a value beyond ±AUTO_LIMIT. A gate saturates at |z| &gt; 5 (σ(5) = 0.9933: within 0.7 % of 1); one input of 5 with weight 1 reaches that by itself, while values within ±5 (z-scores, [−1, 1] signals, 0/1 pulses, one-hot codes, small counts) stay readable as they are. Words of a specification that stand for every input / every target column.</extracomment>
        <translation>未知的缩放方式 {method}（应为以下之一：{known}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="168"/>
        <source>{column}: standardised (mean {mean}, std. dev. {std})</source>
        <translation>{column}：已标准化（均值 {mean}，标准差 {std}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="179"/>
        <source>{column}: min-max to [0, 1] (min {low}, max {high})</source>
        <translation>{column}：最小-最大缩放到 [0, 1]（最小值 {low}，最大值 {high}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="189"/>
        <source>{column}: as in the file</source>
        <translation>{column}：与文件中相同</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="222"/>
        <location filename="../../lstm_sim/step_labels.py" line="238"/>
        <source>expected a list</source>
        <translation>应为列表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="228"/>
        <source>expected a list of numbers</source>
        <translation>应为数字列表</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="343"/>
        <source>no column {column} to scale (columns: {columns})</source>
        <translation>没有可缩放的列 {column}（现有列：{columns}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scaling.py" line="384"/>
        <source>expected {syntax} items separated by commas, got {text}</source>
        <translation>应为以逗号分隔的 {syntax} 项，实际为 {text}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="58"/>
        <source>unknown missing-value choice {choice} (expected one of: {known})</source>
        <extracomment>What a table loader does with a missing cell (empty, NA, NaN, null, …): ``error`` (the default: a message naming the first one), ``drop`` its row, ``interpolate`` linearly within the column (the first and last values are carried to the ends), ``ffill`` (the last value before it; the first value before the first one), or ``zero``.</extracomment>
        <translation>未知的缺失值处理方式 {choice}（应为以下之一：{known}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="73"/>
        <source>{rows} of {total} rows dropped for {cells} missing values</source>
        <translation>因 {cells} 个缺失值删除了 {total} 行中的 {rows} 行</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="82"/>
        <source>interpolated</source>
        <translation>已插值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="83"/>
        <source>filled with the previous value</source>
        <translation>已用前一个值填补</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="84"/>
        <source>set to 0</source>
        <translation>已设为 0</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="85"/>
        <source>kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="87"/>
        <source>{cells} missing values {how}</source>
        <translation>{cells} 个缺失值{how}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="112"/>
        <location filename="../../lstm_sim/step_labels.py" line="222"/>
        <source>expected an object with {keys}</source>
        <translation>应为含 {keys} 的对象</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="120"/>
        <source>expected a whole number ≥ 0</source>
        <translation>应为 ≥ 0 的整数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="286"/>
        <source>inputs: {scaling}</source>
        <translation>输入：{scaling}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="293"/>
        <source>targets: {scaling}</source>
        <translation>目标：{scaling}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/sequence.py" line="303"/>
        <source>steps labelled by {labels}</source>
        <translation>时间步标签：{labels}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="65"/>
        <source>{count} month(s)</source>
        <translation>{count} 个月</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="67"/>
        <source>{count} day(s)</source>
        <translation>{count} 天</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="69"/>
        <source>{count} hour(s)</source>
        <translation>{count} 小时</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="71"/>
        <source>{count} minute(s)</source>
        <translation>{count} 分钟</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="73"/>
        <source>{count} second(s)</source>
        <translation>{count} 秒</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="186"/>
        <source>{column}: {first} … {last}</source>
        <translation>{column}：{first} … {last}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="194"/>
        <source>{column}: {first} … {last} (every {step})</source>
        <translation>{column}：{first} … {last}（间隔 {step}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="230"/>
        <source>expected one of {kinds}, got {kind}</source>
        <translation>应为 {kinds} 之一，实际为 {kind}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/step_labels.py" line="257"/>
        <source>values that do not fit the kind {kind}</source>
        <translation>取值与类型 {kind} 不符</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_first_steps.py" line="46"/>
        <source>too large for a character sequence ({size}; at most {limit}: every character becomes a one-hot row)</source>
        <translation>作为字符序列过大（{size}；最多 {limit}：每个字符都会成为一行独热编码）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="39"/>
        <source>{what}: lstm-sim reads nothing outside the file it is given</source>
        <extracomment>deflate, shuffle, Fletcher-32, szip, n-bit, scale-offset (HDF5&apos;s own), LZF (h5py&apos;s).</extracomment>
        <translation>{what}：lstm-sim 不读取所给文件之外的任何内容</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="57"/>
        <source>a virtual dataset (its data are in other files)</source>
        <translation>虚拟数据集（其数据位于其他文件中）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="70"/>
        <source>a dataset stored in another file ({file})</source>
        <translation>存储在另一个文件（{file}）中的数据集</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="82"/>
        <source>compressed with filter {code}, which would load a plugin (lstm-sim only uses the filters built into HDF5)</source>
        <translation>使用过滤器 {code} 压缩，读取它需要加载插件（lstm-sim 只使用 HDF5 内置的过滤器）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="97"/>
        <source>a dataset of shape {shape}</source>
        <translation>形状为 {shape} 的数据集</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="108"/>
        <source>a chunk of shape {shape}</source>
        <translation>形状为 {shape} 的数据块</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="132"/>
        <source>an external link to {file}</source>
        <translation>指向 {file} 的外部链接</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/_h5_checks.py" line="141"/>
        <source>a link of an unknown kind</source>
        <translation>未知类型的链接</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/cli.py" line="478"/>
        <source>{steps} steps at H = {hidden} (trace, gradients, output)</source>
        <translation>H = {hidden} 时的 {steps} 步（轨迹、梯度、输出）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/cli.py" line="486"/>
        <source>{steps} steps through {cells} cells (traces, gradients, output)</source>
        <translation>经过 {cells} 个单元的 {steps} 步（轨迹、梯度、输出）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/cli.py" line="512"/>
        <source>not even one step fits: close other programs to free memory</source>
        <translation>连一步都放不下：请关闭其他程序以释放内存</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/cli.py" line="520"/>
        <source>add --max-steps {steps} to use only the first {steps} steps</source>
        <translation>加上 --max-steps {steps}，只使用前 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/cli.py" line="701"/>
        <source>out of memory: try the first steps only (--max-steps N)</source>
        <translation>内存不足：请只使用前面的若干步（--max-steps N）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/document.py" line="80"/>
        <source>a session file holds one cell, and this session shows {cell} of a model of {count} cells; open the model file again to look at it</source>
        <translation>会话文件只能保存一个单元，而本会话显示的是一个含 {count} 个单元的模型中的{cell}；要查看它，请重新打开模型文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/document.py" line="131"/>
        <source>the read-out takes {a} units, the cell has {b}</source>
        <translation>读出层读取 {a} 个单元，而记忆单元有 {b} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/document.py" line="143"/>
        <source>the read-out gives {a} outputs, the sequence has {b} targets</source>
        <translation>读出层给出 {a} 个输出，而序列有 {b} 个目标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/stack.py" line="58"/>
        <source>a prediction loss needs targets and a read-out ŷ with as many outputs: train the cell (Simulation ▸ Train), or open weights that have a head</source>
        <translation>预测损失需要目标值，以及输出个数与之相同的读出层 ŷ：请训练记忆单元（模拟 ▸ 训练），或打开带输出头的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/session/stack.py" line="69"/>
        <source>this session shows {cell} of a whole model: its weights alone, opened again, would run as a forward cell on the model&apos;s input; the model file holds them all</source>
        <translation>本会话显示的是整个模型中的{cell}：单独保存它的权重后再次打开，会被当作正向单元在模型输入上运行；模型文件里保存着全部权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/csv_import.py" line="49"/>
        <source>Missing values in the import dialog: drop the row, interpolate, repeat the previous value or use 0</source>
        <extracomment>The missing-value options as the app offers them (the loader names the command line&apos;s).</extracomment>
        <translation>导入对话框中的“缺失值”：删除该行、插值、沿用前一个值或填 0</translation>
    </message>
</context>
<context>
    <name>FileFormats</name>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="267"/>
        <location filename="../../lstm_sim/io/sequences.py" line="634"/>
        <source>CSV table</source>
        <extracomment>What each reader parses, for the checks made before the file is read (io/_budgets.py).</extracomment>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="388"/>
        <location filename="../../lstm_sim/io/sequences.py" line="648"/>
        <source>NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="411"/>
        <location filename="../../lstm_sim/io/sequences.py" line="668"/>
        <location filename="../../lstm_sim/io/weights.py" line="143"/>
        <location filename="../../lstm_sim/io/weights.py" line="676"/>
        <source>NumPy arrays</source>
        <extracomment>A read-out (W_y of shape (P, H), b_y of shape (P,)).</extracomment>
        <translation>NumPy 数组集</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="536"/>
        <location filename="../../lstm_sim/io/sequences.py" line="697"/>
        <location filename="../../lstm_sim/io/weights.py" line="154"/>
        <location filename="../../lstm_sim/io/weights.py" line="684"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/sequences.py" line="550"/>
        <location filename="../../lstm_sim/io/sequences.py" line="703"/>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="220"/>
        <location filename="../../lstm_sim/io/weights.py" line="693"/>
        <source>safetensors</source>
        <translation>safetensors</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="251"/>
        <source>PyTorch state dict</source>
        <translation>PyTorch 状态字典</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/weights.py" line="292"/>
        <source>Keras weights</source>
        <translation>Keras 权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/io/registry.py" line="312"/>
        <source>lstm-sim session</source>
        <extracomment>The session files&apos; suffix (the content is JSON; see io/session_file.py).</extracomment>
        <translation>lstm-sim 会话</translation>
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
        <source>The input is a sine wave with a period of 25 steps; the target at every step is the next value of the wave. The cell has 4 units, trained with Adam over full BPTT (MSE ≈ 3·10⁻⁵). Look at h_t: units 0, 1 and 3 follow the wave, unit 2 follows it a quarter period later (like −cos). From a sine and a cosine the read-out builds the wave shifted by one step — sin(a + δ) = sin a·cos δ + cos a·sin δ. The forget gates stay between 0.57 and 0.91: a wave needs only short memory.</source>
        <translation>输入是周期为 25 步的正弦波；每个时间步的目标是波形的下一个值。共 4 个单元，用 Adam 通过完整的随时间反向传播训练（MSE ≈ 3·10⁻⁵）。观察 h_t：单元 0、1 和 3 跟随波形，单元 2 则晚四分之一个周期（类似 −cos）。读出层用一个正弦和一个余弦合成出平移了一步的波形——sin(a + δ) = sin a·cos δ + cos a·sin δ。遗忘门保持在 0.57 到 0.91 之间：波形只需要短期记忆。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="128"/>
        <source>The same wave with Gaussian noise (σ = 0.1) added to the input; the target is the clean next value. The cell has 16 units, trained for 200 epochs from random weights, which lowered the loss from 0.65 to 0.002. One noisy sample cannot say where the wave is, so the cell combines several steps: the prediction&apos;s RMS error (≈ 0.05) is half the noise on the input. Press Train from new random weights and watch the loss curve fall by two orders of magnitude.</source>
        <translation>同样的波形，但输入中加入了高斯噪声（σ = 0.1）；目标是无噪声的下一个值。共 16 个单元，从随机权重开始训练 200 轮，损失从 0.65 降到 0.002。单个带噪样本无法确定波形所处的位置，因此记忆单元综合了多个时间步：预测的均方根误差（≈ 0.05）只有输入噪声的一半。从新的随机权重开始点击“训练”，观察损失曲线下降两个数量级。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="141"/>
        <source>The input is zero except for a spike of +1 where a pulse begins and −1 where it ends; the target is the square pulse itself (1 during a pulse, 0 between pulses). Between the spikes nothing in the input says whether a pulse is on: the cell must hold it. Look at C_t of unit 0: it jumps to about −0.8 at a +1 spike, stays between −0.85 and −0.72 while the pulse lasts, and jumps back to about 0 at the −1 spike (the read-out&apos;s weight is negative). Its forget gate (≈ 0.96) alone would not hold it: over a 25-step pulse it would let C_t fade to 0.4 of its value. The candidate holds it: small but not zero inside a pulse (g_t ≈ −0.035), so that i_t·g_t writes back most of what f_t takes away; on a spike g_t is ±0.95. The input gate stays between 0.68 and 0.83 all the time: here it is the candidate g_t that decides what is written.</source>
        <translation>输入除了在脉冲开始处有一个 +1 尖峰、在脉冲结束处有一个 −1 尖峰之外都为零；目标就是方波脉冲本身（脉冲期间为 1，脉冲之间为 0）。在两个尖峰之间，输入中没有任何信息表明脉冲是否开启：记忆单元必须自己保持住。观察单元 0 的 C_t：它在 +1 尖峰处跳到约 −0.8，在脉冲持续期间保持在 −0.85 到 −0.72 之间，并在 −1 尖峰处跳回约 0（读出层的权重为负）。单靠它的遗忘门（≈ 0.96）保持不住：在 25 步长的脉冲里，C_t 会衰减到原值的 0.4。真正保持它的是候选记忆：在脉冲内部它很小但不为零（g_t ≈ −0.035），于是 i_t·g_t 把 f_t 带走的大部分又写了回去；在尖峰处 g_t 为 ±0.95。输入门始终在 0.68 到 0.83 之间：在这里，决定写入什么的是候选记忆 g_t。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="159"/>
        <source>Input 0 carries a value at step 1 and random distractors after it; input 1 is a marker that is 1 only at step 1. The target is the first value, asked for only at the last step (t = 41): the loss ignores every other step. Trained on random sequences, with a delay of 10 steps first, then of random delays from 5 to 80: on new sequences the recalled value has R² ≥ 0.96 at every delay from 5 to 100 (delays above 80 were never trained). Look at units 1 and 2: their input gates open at step 1 (0.69, 0.83) and stay nearly shut for the distractors (0.05, 0.13 on average), while their forget gates (≈ 0.95, 0.88) carry the value in C_t. At the last step the gradient panel&apos;s ‖∂L/∂C_k‖ stays between 1 and 1.9 all the way back to step 1: it does not vanish. That panel&apos;s loss is the output L = Σ_j h_t[j], not the squared error the cell was trained on; for the training loss the norm changes by less than a factor of 2 over the 41 steps.</source>
        <translation>输入 0 在第 1 步携带一个值，之后是随机的干扰值；输入 1 是一个标记，只在第 1 步为 1。目标是第一个值，只在最后一步（t = 41）才要求给出：损失忽略其他所有时间步。在随机序列上训练，先用 10 步的延迟，再用 5 到 80 步之间的随机延迟：在新序列上，回忆出的值在 5 到 100 步的每个延迟下都有 R² ≥ 0.96（超过 80 步的延迟从未训练过）。观察单元 1 和 2：它们的输入门在第 1 步打开（0.69、0.83），在干扰值出现时几乎关闭（平均 0.05、0.13），而它们的遗忘门（≈ 0.95、0.88）把这个值保存在 C_t 中。在最后一步，梯度面板中的 ‖∂L/∂C_k‖ 一路回传到第 1 步都保持在 1 到 1.9 之间：它没有消失。该面板的损失是输出 L = Σ_j h_t[j]，而不是训练记忆单元时所用的平方误差；对训练损失而言，该范数在 41 步内的变化不到 2 倍。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="177"/>
        <source>The adding problem (modern form of Hochreiter &amp; Schmidhuber 1997), T = 50</source>
        <translation>加法问题（Hochreiter &amp; Schmidhuber 1997 的现代形式），T = 50</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="180"/>
        <source>Two inputs per step: a random value in [0, 1] and a marker. Exactly 2 steps are marked, one in each half of the sequence; the target, given only at the last step, is the sum of the 2 marked values. This is the form used today; the 1997 original differs in its details. Predicting the mean (1.0) gives an MSE of about 0.17; the shipped cell (8 units), trained on thousands of random sequences (first of length 20, then of random lengths from 10 to 200), gets about 0.002 on new ones of length 50, and R² ≥ 0.97 at every length from 10 to 200. Look at unit 4: its input gate opens only at the 2 markers (≈ 0.8, against 0.01 elsewhere) and its forget gate stays near 0.99, so its C_t at the last step is, up to scale and offset, the sum of the 2 marked values (correlation 0.997 over 300 new sequences). At the last step the gradient panel&apos;s ‖∂L/∂C_k‖ stays between 0.5 and 1.3 all the way back to step 1: the constant error carousel. That panel&apos;s loss is the output L = Σ_j h_t[j], not the squared error the cell was trained on; for the training loss the norm changes by less than a factor of 2 over the 50 steps.</source>
        <translation>每个时间步有两个输入：[0, 1] 中的一个随机值和一个标记。恰好有 2 个时间步被标记，序列的前后两半各一个；目标只在最后一步给出，是这 2 个被标记值之和。这是如今通用的形式；1997 年的原版在细节上有所不同。总是预测均值（1.0）得到的 MSE 约为 0.17；随附的记忆单元（8 个单元）在数千个随机序列上训练（先用长度 20，再用 10 到 200 之间的随机长度），在长度为 50 的新序列上 MSE 约为 0.002，并且在 10 到 200 之间的每个长度上都有 R² ≥ 0.97。观察单元 4：它的输入门只在 2 个标记处打开（≈ 0.8，其他时间步为 0.01），遗忘门保持在 0.99 附近，因此它在最后一步的 C_t 除去比例和偏移之外，就是 2 个被标记值之和（在 300 个新序列上相关系数为 0.997）。在最后一步，梯度面板中的 ‖∂L/∂C_k‖ 一路回传到第 1 步都保持在 0.5 到 1.3 之间：这就是恒定误差传送带。该面板的损失是输出 L = Σ_j h_t[j]，而不是训练记忆单元时所用的平方误差；对训练损失而言，该范数在 50 步内的变化不到 2 倍。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="202"/>
        <source>&quot;cat on mat. dog on log. &quot; 3 times, one character per step, one-hot over its 11 characters; the target is the next character (one-hot, fitted by squared error, so the outputs are rough probabilities). The cell has 16 units; every next character is predicted right. After &quot;on &quot; the next letter is m or l depending on whether the sentence began with &quot;cat&quot; or &quot;dog&quot;, 7 steps back: look at unit 8, whose cell state is about −0.9 after &quot;cat on &quot; and about 0 after &quot;dog on &quot;, and at the outputs for m and l there: after &quot;cat on &quot; ≈ 0.9 for m and 0.2 for l, after &quot;dog on &quot; ≈ 0.85 for l and 0.05 for m.</source>
        <translation>文本 &quot;cat on mat. dog on log. &quot; 重复 3 次，每个时间步一个字符，在其 11 个字符上做独热编码；目标是下一个字符（同样是独热编码，用平方误差拟合，因此输出近似为概率）。共 16 个单元；每一个下一个字符都预测正确。在 &quot;on &quot; 之后，下一个字母是 m 还是 l，取决于句子是以 &quot;cat&quot; 还是 &quot;dog&quot; 开头的——那是往回 7 步的信息：观察单元 8，它的细胞状态在 &quot;cat on &quot; 之后约为 −0.9，在 &quot;dog on &quot; 之后约为 0；再看此时 m 和 l 的输出：&quot;cat on &quot; 之后 m ≈ 0.9、l 为 0.2，&quot;dog on &quot; 之后 l ≈ 0.85、m 为 0.05。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="127"/>
        <source>Noisy sine: predict the clean next value</source>
        <translation>带噪正弦波：预测无噪声的下一个值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="140"/>
        <source>Square pulses: remember whether a pulse is on</source>
        <translation>方波脉冲：记住脉冲是否处于开启状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="158"/>
        <source>Delayed recall: remember the first value for 40 steps</source>
        <translation>延迟回忆：把第一个值记住 40 步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gallery.py" line="201"/>
        <source>A short text: predict the next character</source>
        <translation>一段短文本：预测下一个字符</translation>
    </message>
</context>
<context>
    <name>InfoBanner</name>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="70"/>
        <source>What to look at</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="71"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="72"/>
        <source>Hide this explanation</source>
        <translation>隐藏此说明</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../lstm_sim/gui/app.py" line="33"/>
        <source>LSTM Cell Simulator</source>
        <extracomment>sys.setswitchinterval while the app runs (seconds).</extracomment>
        <translation>LSTM 记忆单元模拟器</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="372"/>
        <source>Spikes (built-in)</source>
        <translation>尖峰（内置）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="250"/>
        <source>LSTM memory cell diagram</source>
        <translation>LSTM 记忆单元示意图</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="252"/>
        <source>Forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="253"/>
        <source>Backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="254"/>
        <source>Matrix form</source>
        <translation>矩阵形式</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="255"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="256"/>
        <source>Over time</source>
        <translation>随时间变化</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="257"/>
        <location filename="../../lstm_sim/gui/main_window.py" line="330"/>
        <source>Vanishing &amp;&amp; exploding gradients</source>
        <extracomment>Texts Qt&apos;s own widgets set once, when made (qtbase&apos;s catalogue translates them): (object name, Qt&apos;s context, accessible name, accessible description).</extracomment>
        <translation>梯度消失与梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="258"/>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="259"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="260"/>
        <source>Stop the computation that is running</source>
        <translation>停止正在运行的计算</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="468"/>
        <source>About lstm-sim</source>
        <translation>关于 lstm-sim</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="470"/>
        <source>&lt;b&gt;lstm-sim {version}&lt;/b&gt;&lt;br&gt;A simulator of one LSTM memory cell: the gates, the cell state C (long-term memory), the hidden state h (short-term memory) and the gradients of backpropagation through time.</source>
        <translation>&lt;b&gt;lstm-sim {version}&lt;/b&gt;&lt;br&gt;单个 LSTM 记忆单元的模拟器：展示各个门、细胞状态 C（长期记忆）、隐藏状态 h（短期记忆），以及随时间反向传播的梯度。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/main_window.py" line="373"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>MatrixPanel</name>
    <message>
        <location filename="../../lstm_sim/gui/backward/matrix.py" line="88"/>
        <source>Pre-activations in matrix form</source>
        <extracomment>Columns of W_hh written out per row (the rest is &quot;…&quot;).</extracomment>
        <translation>矩阵形式的预激活</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/matrix.py" line="94"/>
        <source>z = W_ih·x_t + W_hh·h_{{t−1}} + b_ih + b_hh at t = {t}, unit j = {j}</source>
        <translation>z = W_ih·x_t + W_hh·h_{{t−1}} + b_ih + b_hh，t = {t}，单元 j = {j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/matrix.py" line="104"/>
        <source>Shapes (gate blocks i, f, g, o of H rows each):</source>
        <translation>形状（门块 i、f、g、o，各 H 行）：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/matrix.py" line="108"/>
        <source>Unit j = {j} owns rows {rows} (one per gate):</source>
        <translation>单元 j = {j} 占第 {rows} 行（每个门一行）：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/backward/matrix.py" line="113"/>
        <source>  (t = 0: no input yet; press Step to compute z of step 1)</source>
        <translation>  （t = 0：还没有输入；按“单步”计算第 1 步的 z）</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="150"/>
        <source>&amp;Undo</source>
        <extracomment>Edit ▸ Redo: Ctrl+Shift+Z (shown in the menu) and Ctrl+Y, on every platform (the platform&apos;s own list puts either first; the README names both). View ▸ Language entries with their mnemonics (names in their own language).</extracomment>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="152"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="160"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="161"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="162"/>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="171"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="173"/>
        <source>&amp;Simulation</source>
        <translation>模拟(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="174"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="175"/>
        <source>&amp;Compare with a vanilla RNN</source>
        <translation>与普通 RNN 对比(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="176"/>
        <source>&amp;Weights editor</source>
        <translation>权重编辑器(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="176"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="176"/>
        <source>&amp;Values table</source>
        <translation>数值表(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="182"/>
        <source>Follow the &amp;system (light or dark)</source>
        <translation>跟随系统（浅色或深色）(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="183"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="184"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="185"/>
        <source>&amp;High contrast</source>
        <translation>高对比度(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="196"/>
        <source>&amp;System default</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="180"/>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="189"/>
        <source>S&amp;cenarios</source>
        <translation>场景(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="195"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="200"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="201"/>
        <source>Guided &amp;tour of the cell</source>
        <translation>记忆单元导览(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/menus.py" line="202"/>
        <source>&amp;About lstm-sim</source>
        <translation>关于 lstm-sim(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ModelStrip</name>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="29"/>
        <source>layer {k} ←</source>
        <translation>第 {k} 层 ←</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="31"/>
        <source>layer {k} ← (reads t = T … 1)</source>
        <translation>第 {k} 层 ←（读取 t = T … 1）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="34"/>
        <source>layer {k} →</source>
        <translation>第 {k} 层 →</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="40"/>
        <source>Loaded the model {name}: {layers} layer(s), {count} cell(s); shown: {cell} (choose another with the Layer box or the model strip)</source>
        <translation>已载入模型 {name}：{layers} 层，{count} 个单元；显示：{cell}（可用“层”选择框或模型条选择其他单元）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="121"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="122"/>
        <source>input D = {d}</source>
        <translation>输入 D = {d}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="126"/>
        <source>L{k} {arrow} H = {h}</source>
        <translation>L{k} {arrow} H = {h}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="128"/>
        <source>Show {cell} in the diagram and plots</source>
        <translation>在图示和曲线中显示{cell}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="134"/>
        <source>every step</source>
        <translation>每一步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="135"/>
        <source>last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="136"/>
        <source>final states</source>
        <translation>最终状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/model_strip.py" line="139"/>
        <source>head ŷ: P = {p} ({where})</source>
        <translation>输出头 ŷ：P = {p}（{where}）</translation>
    </message>
</context>
<context>
    <name>Opener</name>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="94"/>
        <source>Open sequence</source>
        <extracomment>The parameters last loaded from a weights file (tables opened onto them keep their values).</extracomment>
        <translation>打开序列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="124"/>
        <location filename="../../lstm_sim/gui/files/opening.py" line="274"/>
        <location filename="../../lstm_sim/gui/files/opening.py" line="401"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/files/opening.py" line="159"/>
        <source>Memory holds the first %n step(s). Load only those?</source>
        <translation>
            <numerusform>内存能放下前 %n 步。只加载这些吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/files/opening.py" line="162"/>
        <source>Load the first %n step(s)</source>
        <translation>
            <numerusform>加载前 %n 步</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="186"/>
        <source>Different input size</source>
        <translation>输入维度不同</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="188"/>
        <source>{name} has D = {d} inputs per step, but the cell takes D = {D}.

Re-initialise the input weights W_ih for {d} inputs? The number of units H = {H}, the recurrent weights W_hh and the biases are kept.</source>
        <translation>{name} 每步有 D = {d} 个输入，而记忆单元需要 D = {D}。

要为 {d} 个输入重新初始化输入权重 W_ih 吗？单元数 H = {H}、循环权重 W_hh 和偏置都保持不变。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="173"/>
        <location filename="../../lstm_sim/gui/files/opening.py" line="201"/>
        <source>Not opened: the session is unchanged</source>
        <translation>未打开：会话保持不变</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="152"/>
        <source>Too long for memory</source>
        <translation>内存放不下</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="236"/>
        <source>Opened {name}: T = {steps}, D = {inputs}, P = {targets}</source>
        <translation>已打开 {name}：T = {steps}，D = {inputs}，P = {targets}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/files/opening.py" line="238"/>
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n 步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/files/opening.py" line="239"/>
        <source>%n input(s)</source>
        <translation>
            <numerusform>%n 个输入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/files/opening.py" line="240"/>
        <source>%n target(s)</source>
        <translation>
            <numerusform>%n 个目标</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="256"/>
        <source>Open weights</source>
        <translation>打开权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="299"/>
        <location filename="../../lstm_sim/gui/files/opening.py" line="330"/>
        <source>the weights take {a} input(s) per step, but the sequence has {b}</source>
        <translation>权重每步需要 {a} 个输入，而序列每步有 {b} 个</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="350"/>
        <source>; its read-out gives {a} outputs but the sequence has {b} targets: not used</source>
        <translation>；其读出层给出 {a} 个输出，而序列有 {b} 个目标：未使用读出层</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="369"/>
        <source>Loaded weights from {name}: D = {d}, H = {h}</source>
        <translation>已从 {name} 加载权重：D = {d}，H = {h}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="385"/>
        <source>lstm-sim sessions (*{suffix} *.json)</source>
        <translation>lstm-sim 会话 (*{suffix} *.json)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="386"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="389"/>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/opening.py" line="429"/>
        <source>Opened the session {name}</source>
        <translation>已打开会话 {name}</translation>
    </message>
</context>
<context>
    <name>PlotMenu</name>
    <message>
        <location filename="../../lstm_sim/gui/files/plot_menu.py" line="52"/>
        <source>Export this plot…</source>
        <translation>导出此图…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/plot_menu.py" line="53"/>
        <source>Export all plots…</source>
        <translation>导出所有图…</translation>
    </message>
</context>
<context>
    <name>PlotPanels</name>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="210"/>
        <source>What the gradient panel shows</source>
        <translation>梯度面板显示的内容</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="193"/>
        <source>input x_t</source>
        <extracomment>The least height a panel gets (px): its numbers stay readable; the plots tab keeps the room of the panels shown. Width of the legends&apos; column (px). Legend entries at most per panel (all units: the selected unit&apos;s only).</extracomment>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="193"/>
        <source>Input x_t (and targets y_t)</source>
        <translation>输入 x_t（及目标 y_t）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="194"/>
        <source>gates</source>
        <translation>门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="194"/>
        <source>Gates f_t, i_t, o_t</source>
        <translation>门 f_t、i_t、o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="195"/>
        <source>Cell state C_t (long-term memory)</source>
        <translation>细胞状态 C_t（长期记忆）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="198"/>
        <source>Hidden state h_t (short-term memory)</source>
        <translation>隐藏状态 h_t（短期记忆）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="195"/>
        <source>C_t, long-term memory</source>
        <translation>C_t，长期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="197"/>
        <source>h_t, short-term memory</source>
        <translation>h_t，短期记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="200"/>
        <source>Gradient norms (log scale)</source>
        <translation>梯度范数（对数坐标）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="200"/>
        <source>‖∂L/∂·‖, log scale</source>
        <translation>‖∂L/∂·‖，对数坐标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="206"/>
        <source>Plot &amp;panels</source>
        <translation>绘图面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="361"/>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="497"/>
        <source>Gradient norms: backpropagating…</source>
        <translation>梯度范数：正在反向传播…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="500"/>
        <source>Gradient norms: step forward to define a loss L at step t.</source>
        <translation>梯度范数：请向前单步执行，以定义第 t 步的损失 L。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="522"/>
        <source>L = h_t[{unit}] (unit {unit}&apos;s output at t = {t})</source>
        <translation>L = h_t[{unit}]（单元 {unit} 在 t = {t} 时的输出）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="526"/>
        <source>L = Σ_j h_t[j] (the output at t = {t})</source>
        <translation>L = Σ_j h_t[j]（t = {t} 时的输出）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/plots/panels.py" line="532"/>
        <source>window: all %n step(s) back to t = 1</source>
        <translation>
            <numerusform>窗口：全部 %n 步，一直回到 t = 1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/plots/panels.py" line="535"/>
        <source>BPTT window: %n step(s) (k = {a} … {b})</source>
        <translation>
            <numerusform>BPTT 窗口：%n 步（k = {a} … {b}）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/panels.py" line="537"/>
        <source>Bottom panel: ‖∂L/∂C_k‖ and ‖∂L/∂h_k‖ for {loss}; {window}</source>
        <translation>下方面板：{loss} 的 ‖∂L/∂C_k‖ 与 ‖∂L/∂h_k‖；{window}</translation>
    </message>
</context>
<context>
    <name>PredictionLoss</name>
    <message>
        <location filename="../../lstm_sim/gui/prediction.py" line="27"/>
        <source>L = Σ (ŷ − y)² over the times that steps 1 … {t} read (= {value}), ŷ the model&apos;s head</source>
        <translation>L = 第 1 … {t} 步所读取各时刻的 Σ (ŷ − y)²（= {value}），ŷ 为模型的输出头</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/prediction.py" line="33"/>
        <source>L = Σ_k (ŷ_k − y_k)², k ≤ {t} (= {value}), ŷ = W_y·h + b_y</source>
        <translation>L = Σ_k (ŷ_k − y_k)²，k ≤ {t}（= {value}），ŷ = W_y·h + b_y</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/prediction.py" line="39"/>
        <source>L = (ŷ − y)² at time {time}, read by step t = {t} (= {value}), ŷ the model&apos;s head</source>
        <translation>L = 时刻 {time}（第 t = {t} 步读取）的 (ŷ − y)²（= {value}），ŷ 为模型的输出头</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/prediction.py" line="44"/>
        <source>L = (ŷ_t − y_t)² at t = {t} (= {value}), ŷ_t = W_y·h_t + b_y</source>
        <translation>L = t = {t} 时的 (ŷ_t − y_t)²（= {value}），ŷ_t = W_y·h_t + b_y</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <location filename="../../lstm_sim/gui/files/recent.py" line="56"/>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/recent.py" line="57"/>
        <source>{path} no longer exists; it was removed from the recent files.</source>
        <translation>{path} 已不存在；已将其从最近打开的文件中移除。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/recent.py" line="77"/>
        <source>(no recent files)</source>
        <translation>（没有最近打开的文件）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/recent.py" line="81"/>
        <source>&amp;Clear the list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="200"/>
        <source>Could not write the recovery file: {reason}</source>
        <translation>无法写入恢复文件：{reason}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="255"/>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="257"/>
        <source>lstm-sim ended without saving the session “{name}” (last kept {when}).</source>
        <translation>lstm-sim 上次结束时未保存会话“{name}”（最后保留于 {when}）。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="264"/>
        <source>Restore it? Discard deletes it; Later keeps it for the next start.</source>
        <translation>要恢复吗？“丢弃”会删除它；“稍后”会保留到下次启动。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="266"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="267"/>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="268"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="300"/>
        <source>Restoring the unsaved session…</source>
        <translation>正在恢复未保存的会话…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/recovery.py" line="324"/>
        <source>Restored the unsaved session</source>
        <translation>已恢复未保存的会话</translation>
    </message>
</context>
<context>
    <name>RnnBox</name>
    <message>
        <location filename="../../lstm_sim/gui/rnn_box.py" line="44"/>
        <source>Vanilla RNN beside it</source>
        <translation>并列的普通 RNN</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/rnn_box.py" line="45"/>
        <source>The RNN&apos;s hidden state</source>
        <translation>RNN 的隐藏状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/rnn_box.py" line="59"/>
        <source>h_t = tanh(W_ih·x_t + W_hh·h_{{t−1}} + b) = {h} (unit {j}, t = {t})
σ_max(W_hh) = {s:.3f}</source>
        <translation>h_t = tanh(W_ih·x_t + W_hh·h_{{t−1}} + b) = {h}（单元 {j}，t = {t}）
σ_max(W_hh) = {s:.3f}</translation>
    </message>
</context>
<context>
    <name>RowCount</name>
    <message>
        <location filename="../../lstm_sim/gui/files/row_count.py" line="38"/>
        <source>Stop counting</source>
        <translation>停止计数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/row_count.py" line="79"/>
        <source>{n} rows (time steps) in the file.</source>
        <translation>文件共 {n} 行（时间步）。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/row_count.py" line="81"/>
        <source>About {n} rows; counting…</source>
        <translation>约 {n} 行；正在计数…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/row_count.py" line="83"/>
        <source>About {n} rows (estimated from the file size).</source>
        <translation>约 {n} 行（根据文件大小估计）。</translation>
    </message>
</context>
<context>
    <name>SaturationBanner</name>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="234"/>
        <source>Saturation warning</source>
        <extracomment>Steps of the sequence the saturation banner runs the cell over (≈ 7 ms at H = 32): enough to see whether the gates sit at 0 or 1, independent of the cursor. Multiply-adds the probe may spend (a large cell gets fewer steps, at least :data:`PROBE_MIN_STEPS`): it runs on the GUI thread at every change of weights, and 1000 steps at H = 512 took half a second here. Milliseconds the session must rest before the diagnosis runs again.</extracomment>
        <translation>饱和警告</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="235"/>
        <location filename="../../lstm_sim/gui/banner.py" line="271"/>
        <source>Scale the inputs</source>
        <translation>缩放输入</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="238"/>
        <source>Standardise every input column (mean 0, standard deviation 1, statistics from the whole sequence); Edit ▸ Undo puts the values back</source>
        <translation>将每个输入列标准化（均值 0，标准差 1，统计量取自整个序列）；“编辑 ▸ 撤销”可恢复原值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="242"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="243"/>
        <source>Hide this warning</source>
        <translation>隐藏此警告</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/banner.py" line="262"/>
        <source>The gates are saturated (|z| &gt; {z}: σ and tanh at 0 or ±1) on {percent} of the steps although the inputs are scaled: the weights are large.</source>
        <translation>尽管输入已缩放，在 {percent} 的时间步上门仍已饱和（|z| &gt; {z}：σ 和 tanh 停在 0 或 ±1）：权重过大。</translation>
    </message>
</context>
<context>
    <name>Saver</name>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="55"/>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="57"/>
        <source>lstm-sim sessions (*{suffix})</source>
        <translation>lstm-sim 会话 (*{suffix})</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="86"/>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="72"/>
        <location filename="../../lstm_sim/gui/files/saving.py" line="93"/>
        <location filename="../../lstm_sim/gui/files/saving.py" line="163"/>
        <source>Cannot save the file</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="102"/>
        <source>Saving {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="130"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="131"/>
        <source>The session “{name}” has unsaved changes. Save them?</source>
        <translation>会话“{name}”有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="147"/>
        <source>Save weights</source>
        <translation>保存权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/files/saving.py" line="167"/>
        <source>Saved the weights to {name}</source>
        <translation>已将权重保存到 {name}</translation>
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
        <source>The RNN&apos;s recurrent matrix W_hh has largest singular value 0.8 &lt; 1. Going back one step multiplies the gradient by W_hhᵀ·diag(1 − h²), whose norm is at most 0.8, so ‖∂L/∂h_k‖ falls at least as fast as 0.8^(t−k): on the log axis the orange RNN curve stays below that straight line (here it falls by about 0.68 per step). The LSTM beside it has forget-gate bias 1, so f_t ≈ 0.73, and its gradient vanishes too, more slowly (about 0.78 per step). Along the direct path C_t → C_k the gradient is multiplied by the forget gates alone (their product ∏f is in the mechanism plot); the total ‖∂L/∂C_k‖ also flows back through h and the gates and is far larger than the direct path alone: 19× at lag 50, 5·10⁵× at lag 200.</source>
        <translation>RNN 的循环矩阵 W_hh 的最大奇异值为 0.8 &lt; 1。每回传一步，梯度都要乘以 W_hhᵀ·diag(1 − h²)，其范数至多为 0.8，因此 ‖∂L/∂h_k‖ 至少按 0.8^(t−k) 的速度下降：在对数坐标上，橙色的 RNN 曲线始终位于这条直线下方（这里它每步大约乘以 0.68）。旁边的 LSTM 的遗忘门偏置为 1，因此 f_t ≈ 0.73，它的梯度也会消失，只是慢一些（每步约乘以 0.78）。沿着直接路径 C_t → C_k，梯度只乘以遗忘门（它们的乘积 ∏f 显示在机制图中）；而总的 ‖∂L/∂C_k‖ 还会经由 h 和各个门回传，远大于仅靠直接路径传回的部分：在间隔 50 处为 19 倍，在间隔 200 处为 5·10⁵ 倍。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="139"/>
        <source>Now W_hh = 1.25·Q (Q orthogonal): its largest singular value is 1.25 &gt; 1. The input is silent, so the RNN stays at h = 0 where tanh&apos; = 1, and every step back multiplies the gradient norm by exactly 1.25: after 100 steps by 1.25^100 ≈ 5·10⁹. Turn on clipping: on the way back, ∂L/∂h_k is rescaled to the threshold at every step where its norm exceeds it, so the curve stays at the threshold. That is per-step clipping, and it changes the direction of the parameter gradient; the usual remedy in training, PyTorch&apos;s clip_grad_norm_, rescales the whole parameter gradient once, after BPTT, and keeps its direction. Clipping only ever shrinks a gradient: it does nothing against vanishing.</source>
        <translation>现在 W_hh = 1.25·Q（Q 为正交矩阵）：其最大奇异值为 1.25 &gt; 1。输入始终为零，因此 RNN 停留在 h = 0 处，那里 tanh&apos; = 1，每回传一步，梯度范数恰好乘以 1.25：100 步之后就是 1.25^100 ≈ 5·10⁹ 倍。打开裁剪：反向回传时，在 ∂L/∂h_k 的范数超过阈值的每一步，都把它缩放到阈值，于是曲线停在阈值处。这是逐步裁剪，它会改变参数梯度的方向；训练中常用的办法是 PyTorch 的 clip_grad_norm_，它在 BPTT 之后对整个参数梯度统一缩放一次，方向保持不变。裁剪只会缩小梯度：对梯度消失无能为力。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="156"/>
        <source>The forget-gate bias is 6, so f_t ≈ 0.998. The direct path from C_t back to C_k multiplies the gradient by f_{k+1}·…·f_t (the running product ∏f in the mechanism plot) and nothing else: after 200 steps ∏f is still above 0.5. The total ‖∂L/∂C_k‖, which also flows back through h, stays within a factor of 2 over lags 0–200. Near the start of the sequence (lags above 250) it rises again, to 12× its value at lag 0: there C_k is still small, tanh(C_k) is not saturated, and more gradient enters through h_k at each step and is carried on. This is the constant error carousel — while the RNN beside it forgets (‖∂L/∂h_k‖ below 10⁻²⁶ at lag 200).</source>
        <translation>遗忘门偏置为 6，因此 f_t ≈ 0.998。从 C_t 回到 C_k 的直接路径只把梯度乘以 f_{k+1}·…·f_t（即机制图中的累积乘积 ∏f），别无其他：200 步之后 ∏f 仍大于 0.5。总的 ‖∂L/∂C_k‖ 还会经由 h 回传，它在间隔 0–200 范围内的变化不超过 2 倍。在序列开头附近（间隔大于 250）它又会上升，达到间隔 0 处数值的 12 倍：那里 C_k 还很小，tanh(C_k) 没有饱和，每一步都有更多梯度经由 h_k 进入并被继续传递下去。这就是“恒定误差传送带”——而旁边的 RNN 早已遗忘（在间隔 200 处 ‖∂L/∂h_k‖ 小于 10⁻²⁶）。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="173"/>
        <source>The same LSTM with forget-gate bias −2: f_t ≈ 0.12, so the product of forget gates along the direct path collapses — below 10⁻⁹ after 10 steps. The total ‖∂L/∂C_k‖, which also flows back through h, collapses too: to about 10⁻⁸ of its value at lag 0 after 10 steps. The gate decides how long the cell remembers; with f ≈ 1 (the previous scenario) the direct path keeps the gradient for hundreds of steps.</source>
        <translation>同一个 LSTM，遗忘门偏置改为 −2：f_t ≈ 0.12，因此沿直接路径的遗忘门乘积骤降——10 步之后低于 10⁻⁹。总的 ‖∂L/∂C_k‖ 还会经由 h 回传，它同样骤降：10 步之后约为间隔 0 处数值的 10⁻⁸。遗忘门决定了记忆单元能记住多久；f ≈ 1 时（上一个场景），直接路径能把梯度保持数百步。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="138"/>
        <source>RNN gradient explodes</source>
        <translation>RNN 梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="155"/>
        <source>LSTM remembers</source>
        <translation>LSTM 记住了</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/scenarios.py" line="172"/>
        <source>LSTM forgets</source>
        <translation>LSTM 遗忘了</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <location filename="../../lstm_sim/gui/stepping.py" line="88"/>
        <source>Computing steps {a}…{b}</source>
        <extracomment>A long BPTT window is computed once the cursor has rested this long (ms).</extracomment>
        <translation>正在计算第 {a}…{b} 步</translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/stepping.py" line="107"/>
        <source>Cancelled: {n} of %n step(s) computed</source>
        <translation>
            <numerusform>已取消：已计算 {n} / %n 步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/stepping.py" line="129"/>
        <source>Backpropagating %n step(s)…</source>
        <translation>
            <numerusform>正在反向传播 %n 步…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/stepping.py" line="115"/>
        <source>Computation failed</source>
        <translation>计算失败</translation>
    </message>
</context>
<context>
    <name>StepsBox</name>
    <message numerus="yes">
        <location filename="../../lstm_sim/gui/controls.py" line="41"/>
        <source>%n step(s)</source>
        <extracomment>The largest BPTT window the spin box offers (steps). The BPTT window in the controls bar: &quot;1 step&quot;, &quot;200 steps&quot;.</extracomment>
        <translation>
            <numerusform>%n 步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextPanel</name>
    <message>
        <location filename="../../lstm_sim/gui/backward/base.py" line="114"/>
        <source>Copy the text</source>
        <extracomment>What changes the numbers of the three tabs: the step view&apos;s topics, and the settings (the loss, the window, the clamps, the step back shown).</extracomment>
        <translation>复制文本</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="99"/>
        <source>Guided tour of the memory cell</source>
        <extracomment>Gap (px) kept between the dialog and what it must not cover.</extracomment>
        <translation>记忆单元导览</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="102"/>
        <source>Two memories</source>
        <translation>两种记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="104"/>
        <source>An LSTM cell carries two states from step to step. The line across the top is the cell state C — the long-term memory. The line at the bottom is the hidden state h — the short-term memory, which is also the cell&apos;s output.</source>
        <translation>LSTM 记忆单元在时间步之间传递两个状态。顶部横贯的那条线是细胞状态 C——长期记忆。底部的那条线是隐藏状态 h——短期记忆，它也是记忆单元的输出。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="112"/>
        <source>The forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="114"/>
        <source>f_t = σ(W_f·[h_{t−1}, x_t] + b_f) is a number between 0 and 1 for every unit. It multiplies the old cell state: f ≈ 1 keeps C_{t−1}, f ≈ 0 erases it. Along this direct path from C_{t−1} to C_t the gradient is multiplied by f and nothing else, so with f near 1 it reaches far back — this is why an LSTM can remember for long. (The total gradient also flows back through h and the gates.)</source>
        <translation>f_t = σ(W_f·[h_{t−1}, x_t] + b_f) 对每个单元都是 0 到 1 之间的一个数。它与旧的细胞状态相乘：f ≈ 1 时保留 C_{t−1}，f ≈ 0 时将其抹去。沿着这条从 C_{t−1} 到 C_t 的直接路径，梯度只乘以 f，别无其他，所以 f 接近 1 时梯度能传回很远——这就是 LSTM 能长时间记忆的原因。（总的梯度还会经由 h 和各个门回传。）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="124"/>
        <source>The input gate i_t and the candidate C̃_t</source>
        <translation>输入门 i_t 与候选记忆 C̃_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="126"/>
        <source>The candidate C̃_t = tanh(…) proposes new content between −1 and 1; the input gate i_t decides how much of it is written. Their product is added to the cell state: C_t = f_t·C_{t−1} + i_t·C̃_t.</source>
        <translation>候选记忆 C̃_t = tanh(…) 提出介于 −1 和 1 之间的新内容；输入门 i_t 决定其中有多少被写入。两者的乘积加到细胞状态上：C_t = f_t·C_{t−1} + i_t·C̃_t。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="133"/>
        <source>The output gate o_t</source>
        <translation>输出门 o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="135"/>
        <source>The cell state is squashed by tanh and the output gate o_t chooses how much of it becomes the new hidden state: h_t = o_t·tanh(C_t).</source>
        <translation>细胞状态经 tanh 压缩后，由输出门 o_t 选择其中有多少成为新的隐藏状态：h_t = o_t·tanh(C_t)。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="141"/>
        <source>Now step through time</source>
        <translation>现在逐个时间步前进</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="143"/>
        <source>Press Step (→) and watch the numbers: the colours show each value, hovering a node shows its equation with the numbers. The plots below show the history, and the gradient norms show how far back the loss at step t reaches.</source>
        <translation>按“单步”（→）并观察这些数字：颜色表示每个值的大小，鼠标悬停在节点上会显示代入数值的方程。下方的图显示历史变化，梯度范数则显示第 t 步的损失能回传多远。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="151"/>
        <source>&amp;Back</source>
        <translation>上一页(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="152"/>
        <source>&amp;Next</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="153"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/tour.py" line="167"/>
        <source>{k} of {n}</source>
        <translation>{k} / {n}</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="124"/>
        <source>Training</source>
        <extracomment>How often (ms) the newest trained parameters are shown while training.</extracomment>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="125"/>
        <source>Adam&apos;s learning rate</source>
        <translation>Adam 的学习率</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="126"/>
        <source>full BPTT</source>
        <translation>完整 BPTT</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="128"/>
        <source>Truncated BPTT: steps per chunk (the state is carried between chunks)</source>
        <translation>截断 BPTT：每段的步数（状态在段与段之间传递）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="130"/>
        <source>Same seed, same training</source>
        <translation>相同的种子，相同的训练结果</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="132"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="133"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="134"/>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="135"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="139"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="141"/>
        <source>Fit the cell and a read-out y_t = W_y·h_t + b_y to the targets</source>
        <translation>拟合记忆单元和读出层 y_t = W_y·h_t + b_y，使输出逼近目标</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="194"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="143"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="144"/>
        <source>Training status</source>
        <translation>训练状态</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="145"/>
        <source>loss (MSE)</source>
        <translation>损失（MSE）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="146"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="194"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="196"/>
        <source>This sequence has no targets: nothing to train on.</source>
        <translation>该序列没有目标值：没有可训练的内容。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="200"/>
        <source>Training fits one cell and its read-out; this session holds a whole model.</source>
        <translation>训练只拟合一个单元及其读出层；本会话载入的是整个模型。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="251"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="294"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="294"/>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="295"/>
        <source>{state}: epoch {e} of {n}, loss {loss:.6g}</source>
        <translation>{state}：第 {e} / {n} 轮，损失 {loss:.6g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="318"/>
        <source>Stopped after {n} epochs</source>
        <translation>已在 {n} 轮后停止</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="318"/>
        <source>Done: {n} epochs</source>
        <translation>完成：{n} 轮</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="319"/>
        <source>; loss {a:.4g} → {b:.4g}</source>
        <translation>；损失 {a:.4g} → {b:.4g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/training.py" line="328"/>
        <source>Training failed: {m}</source>
        <translation>训练失败：{m}</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="200"/>
        <source>Reset to t = 0</source>
        <translation>重置到 t = 0</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="201"/>
        <source>Step back one time step</source>
        <translation>后退一个时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="203"/>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="204"/>
        <source>Advance one time step</source>
        <translation>前进一个时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="200"/>
        <source>&amp;Reset</source>
        <extracomment>Fastest timer tick (ms): about one frame of a 60 Hz display. Nanoseconds now (tests drive playback with their own clock).</extracomment>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="201"/>
        <source>Step &amp;back</source>
        <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="202"/>
        <location filename="../../lstm_sim/gui/transport.py" line="324"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="202"/>
        <location filename="../../lstm_sim/gui/transport.py" line="333"/>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="204"/>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="205"/>
        <source>Run to the end of the sequence</source>
        <translation>一直运行到序列末尾</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="205"/>
        <source>Run to &amp;end</source>
        <translation>运行到末尾(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="206"/>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="207"/>
        <source>Playback speed in steps per second</source>
        <translation>播放速度（每秒步数）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="208"/>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="209"/>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="210"/>
        <source>Start again at t = 0 after the end</source>
        <translation>到达末尾后从 t = 0 重新开始</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="211"/>
        <source>Timeline: drag to any step</source>
        <translation>时间轴：可拖到任意时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="212"/>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="213"/>
        <source>Current step</source>
        <translation>当前时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="214"/>
        <source>Speed </source>
        <translation>速度 </translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/transport.py" line="215"/>
        <location filename="../../lstm_sim/gui/transport.py" line="255"/>
        <source>t = {t} / {T}</source>
        <translation>t = {t} / {T}</translation>
    </message>
</context>
<context>
    <name>ValuesTable</name>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="61"/>
        <source>Values at step t</source>
        <translation>第 t 步的数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="62"/>
        <source>Values of the current step</source>
        <translation>当前时间步的数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="64"/>
        <source>One row per quantity of the LSTM cell, one column per unit</source>
        <translation>每行是 LSTM 记忆单元的一个量，每列是一个单元</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="180"/>
        <source>input x_t</source>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="70"/>
        <source>previous hidden state h_{t−1}</source>
        <translation>上一步的隐藏状态 h_{t−1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="66"/>
        <source>Inputs of the current step</source>
        <translation>当前步的输入</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="67"/>
        <source>The input x_t, one column per input</source>
        <translation>输入 x_t，每个输入一列</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="71"/>
        <source>previous cell state C_{t−1}</source>
        <translation>上一步的细胞状态 C_{t−1}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="72"/>
        <source>forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="73"/>
        <source>input gate i_t</source>
        <translation>输入门 i_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="74"/>
        <source>candidate C̃_t</source>
        <translation>候选记忆 C̃_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="75"/>
        <source>output gate o_t</source>
        <translation>输出门 o_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="76"/>
        <source>cell state C_t</source>
        <translation>细胞状态 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="77"/>
        <source>tanh(C_t)</source>
        <translation>tanh(C_t)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="78"/>
        <source>hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/values_table.py" line="148"/>
        <source>unit {j}</source>
        <translation>单元 {j}</translation>
    </message>
</context>
<context>
    <name>WeightEditor</name>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="85"/>
        <source>f forget</source>
        <extracomment>Largest H that gets one slider per number; larger cells get heat-map tables. Tab order: the order in which the notes introduce the gates. Slider positions on each side of 0: the slider moves in steps of limit / 400. Slider range for ordinary weights: ±4 covers σ and tanh from saturated to saturated. Spin boxes and table editors accept any value in ±SPIN_LIMIT.</extracomment>
        <translation>f 遗忘门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="86"/>
        <source>i input</source>
        <translation>i 输入门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="87"/>
        <source>g candidate</source>
        <translation>g 候选记忆</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="88"/>
        <source>o output</source>
        <translation>o 输出门</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="100"/>
        <source>j={j}, d={d}</source>
        <translation>j={j}, d={d}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="104"/>
        <source>j={j}, k={k}</source>
        <translation>j={j}, k={k}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="107"/>
        <source>j={j}</source>
        <translation>j={j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="116"/>
        <source>Input weight W_{g}[{j}, x_{d}]: from input d = {d} ({name}) to unit j = {j} of gate {g}
weight_ih[{r}, {d}]</source>
        <translation>输入权重 W_{g}[{j}, x_{d}]：从输入 d = {d}（{name}）到门 {g} 的单元 j = {j}
weight_ih[{r}, {d}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="122"/>
        <source>Recurrent weight W_{g}[{j}, h_{k}]: from h_(t−1) unit k = {k} to unit j = {j} of gate {g}
weight_hh[{r}, {k}]</source>
        <translation>循环权重 W_{g}[{j}, h_{k}]：从 h_(t−1) 的单元 k = {k} 到门 {g} 的单元 j = {j}
weight_hh[{r}, {k}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="127"/>
        <source>Bias b_{g}[{j}] of unit j = {j}
bias_ih[{r}] + bias_hh[{r}] (an edit changes bias_ih)</source>
        <translation>单元 j = {j} 的偏置 b_{g}[{j}]
bias_ih[{r}] + bias_hh[{r}]（编辑时修改的是 bias_ih）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="135"/>
        <source>W_{g} input weight, unit {j}, input {d}</source>
        <translation>W_{g} 输入权重，单元 {j}，输入 {d}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="139"/>
        <source>W_{g} recurrent weight, unit {j}, from unit {k}</source>
        <translation>W_{g} 循环权重，单元 {j}，来自单元 {k}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="142"/>
        <source>b_{g} bias, unit {j}</source>
        <translation>b_{g} 偏置，单元 {j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="150"/>
        <source>Edit W_{g}[{j}, x_{d}]</source>
        <translation>编辑 W_{g}[{j}, x_{d}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="154"/>
        <source>Edit W_{g}[{j}, h_{k}]</source>
        <translation>编辑 W_{g}[{j}, h_{k}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/labels.py" line="157"/>
        <source>Edit b_{g}[{j}]</source>
        <translation>编辑 b_{g}[{j}]</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/sliders.py" line="86"/>
        <source>{name}, value</source>
        <translation>{name}，数值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/sliders.py" line="163"/>
        <source>Input part of W_{g}, times x_t</source>
        <translation>W_{g} 的输入部分，与 x_t 相乘</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/sliders.py" line="172"/>
        <source>Recurrent part of W_{g}, times h_{t-1}</source>
        <translation>W_{g} 的循环部分，与 h_{t-1} 相乘</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/sliders.py" line="183"/>
        <source>Bias b_{g}</source>
        <translation>偏置 b_{g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/sliders.py" line="198"/>
        <source>Range of the sliders in this section</source>
        <translation>本部分滑块的取值范围</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/sliders.py" line="244"/>
        <source>slider ±{limit:g}</source>
        <translation>滑块 ±{limit:g}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="171"/>
        <source>Unit j = {j}</source>
        <translation>单元 j = {j}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="173"/>
        <source>Recurrent part: weights from h_(t−1) unit k = {k}</source>
        <translation>循环部分：来自 h_(t−1) 单元 k = {k} 的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="179"/>
        <source>Input part: weights from input d = {d} ({name})</source>
        <translation>输入部分：来自输入 d = {d}（{name}）的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="182"/>
        <source>Bias b_{g} = bias_ih + bias_hh</source>
        <translation>偏置 b_{g} = bias_ih + bias_hh</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="221"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="298"/>
        <source>Weights and bias of gate {g}</source>
        <translation>门 {g} 的权重与偏置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="303"/>
        <source>Rows: units j. Columns: recurrent weights from h_k, input weights from x_d, bias b.</source>
        <translation>行：单元 j。列：来自 h_k 的循环权重、来自 x_d 的输入权重、偏置 b。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="335"/>
        <source>Rows: units j. Columns: W_{g} over [h_{t-1}, x_t] (h_k recurrent, x_d input), then b_{g}. Double-click or F2 to edit.</source>
        <translation>行：单元 j。列：作用于 [h_{t-1}, x_t] 的 W_{g}（h_k 为循环部分，x_d 为输入部分），最后是 b_{g}。双击或按 F2 编辑。</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/table.py" line="348"/>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="269"/>
        <source>Initialise weights ({scheme}, seed {seed})</source>
        <translation>初始化权重（{scheme}，种子 {seed}）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="314"/>
        <source>Inputs D = {D}, units H = {H}</source>
        <translation>输入 D = {D}，单元 H = {H}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="351"/>
        <source>Undo {what}</source>
        <translation>撤销 {what}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="354"/>
        <source>Redo {what}</source>
        <translation>重做 {what}</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="358"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="359"/>
        <source>Every edit re-runs the cell up to the current step</source>
        <translation>每次编辑都会把记忆单元重新运行到当前时间步</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="360"/>
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="361"/>
        <source>Redo ↷</source>
        <translation>重做 ↷</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="362"/>
        <source>Undo the last weight edit</source>
        <translation>撤销上一次权重编辑</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="363"/>
        <source>Redo the weight edit</source>
        <translation>重做该权重编辑</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="364"/>
        <source>Initialise all parameters</source>
        <translation>初始化所有参数</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="365"/>
        <source>Sche&amp;me:</source>
        <translation>方案(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="366"/>
        <source>See&amp;d:</source>
        <translation>种子(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="367"/>
        <source>Forget &amp;bias:</source>
        <translation>遗忘门偏置(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="369"/>
        <source>Uniform ±1/√H (like PyTorch)</source>
        <translation>均匀分布 ±1/√H（与 PyTorch 相同）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="370"/>
        <source>Xavier (Glorot uniform)</source>
        <translation>Xavier（Glorot 均匀分布）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="371"/>
        <source>Orthogonal recurrent, Xavier input</source>
        <translation>循环权重正交，输入权重 Xavier</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="375"/>
        <source>How the random weights are drawn</source>
        <translation>随机权重的抽取方式</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="376"/>
        <source>Initialisation scheme</source>
        <translation>初始化方案</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="377"/>
        <source>Same seed, same weights</source>
        <translation>相同的种子，相同的权重</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="378"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="381"/>
        <source>Added to the forget gate&apos;s bias b_f: f_t ≈ σ(b_f) while the rest of its input is small, and a cell state left alone halves in ln 0.5 / ln f steps. b = 1 gives f ≈ 0.73 (half-life 2.2 steps), 3 gives 0.95 (14 steps), 5 gives 0.993 (100 steps)</source>
        <translation>加到遗忘门偏置 b_f 上：当它的其余输入很小时 f_t ≈ σ(b_f)，而一个不受干扰的细胞状态经过 ln 0.5 / ln f 步减半。b = 1 时 f ≈ 0.73（半衰期 2.2 步），3 时为 0.95（14 步），5 时为 0.993（100 步）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="386"/>
        <source>Forget-gate bias</source>
        <translation>遗忘门偏置</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="387"/>
        <source>A&amp;pply</source>
        <translation>应用(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/weights/editor.py" line="389"/>
        <source>Replace every weight and bias by the preset (one undo step)</source>
        <translation>用预设替换所有权重和偏置（可一步撤销）</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="347"/>
        <source>lstm-sim export</source>
        <translation>lstm-sim 导出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/export.py" line="349"/>
        <source>Exported by lstm-sim</source>
        <translation>由 lstm-sim 导出</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="70"/>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="211"/>
        <source>LSTM trace</source>
        <translation>LSTM 运行轨迹</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="89"/>
        <source>Inputs x_t</source>
        <translation>输入 x_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="90"/>
        <source> and targets y_t (dashed)</source>
        <translation> 及目标 y_t（虚线）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="99"/>
        <source>Gates: forget f, input i, output o</source>
        <translation>门：遗忘门 f、输入门 i、输出门 o</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="103"/>
        <source>forget f</source>
        <translation>遗忘门 f</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="104"/>
        <source>input i</source>
        <translation>输入门 i</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="105"/>
        <source>output o</source>
        <translation>输出门 o</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="112"/>
        <source>Cell state C_t</source>
        <translation>细胞状态 C_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="113"/>
        <source>Hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="123"/>
        <source>Gradient norms ‖∂L/∂C_t‖, ‖∂L/∂h_t‖ (log scale)</source>
        <translation>梯度范数 ‖∂L/∂C_t‖、‖∂L/∂h_t‖（对数坐标）</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="134"/>
        <source>‖∂L/∂C_t‖</source>
        <translation>‖∂L/∂C_t‖</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="135"/>
        <source>‖∂L/∂h_t‖</source>
        <translation>‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="141"/>
        <source>step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../lstm_sim/gui/plots/trace_figure.py" line="186"/>
        <source>unknown plot format(s): {0} (use png, svg)</source>
        <translation>未知的图像格式：{0}（请使用 png 或 svg）</translation>
    </message>
</context>
</TS>
