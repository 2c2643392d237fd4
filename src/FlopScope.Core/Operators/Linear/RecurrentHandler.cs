using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// RNN, GRU and LSTM over the whole sequence (sequence length from X's shape; <c>layout</c> 0 is [seq, batch, input],
/// 1 is [batch, seq, input]; <c>direction</c> forward, reverse or bidirectional).
/// <para>MACs = seq x batch x directions x gates x hidden x (input + hidden): the input and recurrent gate matmuls
/// (gates: RNN 1, GRU 3, LSTM 4).</para>
/// <para>FLOPs, per time step, batch entry, direction and hidden unit:
/// RNN: 1 (add the two products) + 2 with B (Wb, Rb) + the activation f.
/// GRU: 3 (add products) + 6 with B + 1 (r x state) + f(z) + f(r) + g(h) + 4 (state update (1 - z) x h + z x H).
/// LSTM: 4 (add products) + 8 with B + 6 with P (3 peephole products and adds) + f(i) + f(f) + g(c) + f(o) + h(C)
/// + 4 (C = f x C + i x c, H = o x h(C)).
/// <c>clip</c> adds 2 (min, max) per activation evaluated. Activation costs: Relu, Tanh, ThresholdedRelu 1; Affine,
/// LeakyRelu 2; Sigmoid, ScaledTanh, Softsign, Softplus 3; HardSigmoid, Elu 4. The full sequence is counted for every
/// batch entry (sequence_lens only shortens the work of padded entries).</para>
/// </summary>
/// <param name="kind">Which cell: "RNN", "GRU" or "LSTM".</param>
public sealed class RecurrentHandler(string kind) : IOperatorHandler
{
    private static readonly Dictionary<string, int> ActivationFlops = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Relu"] = 1, ["Tanh"] = 1, ["ThresholdedRelu"] = 1, ["Affine"] = 2, ["LeakyRelu"] = 2, ["Sigmoid"] = 3,
        ["ScaledTanh"] = 3, ["Softsign"] = 3, ["Softplus"] = 3, ["HardSigmoid"] = 4, ["Elu"] = 4,
    };

    private int Gates => kind switch { "GRU" => 3, "LSTM" => 4, _ => 1 };

    private string[] DefaultActivations => kind switch
    {
        "GRU" => ["Sigmoid", "Tanh"],
        "LSTM" => ["Sigmoid", "Tanh", "Tanh"],
        _ => ["Tanh"],
    };

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Shape(0);
        if (x.Rank != 3)
        {
            throw context.Invalid($"X must be 3-D, got {x}");
        }

        var layout = context.Opset >= 14 ? context.Int("layout", 0) : 0;
        if (layout is not (0 or 1))
        {
            throw context.Invalid($"layout {layout} is not 0 or 1");
        }

        var direction = context.String("direction", "forward");
        long directions = direction switch
        {
            "forward" or "reverse" => 1,
            "bidirectional" => 2,
            _ => throw context.Invalid($"direction '{direction}' is not forward, reverse or bidirectional"),
        };

        var (seq, batch) = layout == 0 ? (x[0], x[1]) : (x[1], x[0]);
        var inputSize = x[2];
        var w = context.Shape(1);
        var r = context.Shape(2);
        if (w.Rank != 3 || r.Rank != 3)
        {
            throw context.Invalid($"W and R must be 3-D, got {w} and {r}");
        }

        Dim hidden = context.HasAttribute("hidden_size") ? context.Int("hidden_size") : r[2];
        Check(context, w[0], directions, "W's direction dimension");
        Check(context, r[0], directions, "R's direction dimension");
        Check(context, w[2], inputSize, "W's input dimension");
        if (hidden.IsKnown)
        {
            Check(context, w[1], Gates * hidden.Value, "W's gate dimension");
            Check(context, r[1], Gates * hidden.Value, "R's gate dimension");
            Check(context, r[2], hidden.Value, "R's hidden dimension");
        }

        var type = context.TypeOf(0);
        Dim dirs = directions;
        var y = layout == 0 ? new TensorShape([seq, dirs, batch, hidden]) : new TensorShape([batch, seq, dirs, hidden]);
        var state = layout == 0 ? new TensorShape([dirs, batch, hidden]) : new TensorShape([batch, dirs, hidden]);
        context.SetOutput(0, type, y);
        context.SetOutput(1, type, state);
        if (kind == "LSTM")
        {
            context.SetOutput(2, type, state);
        }

        if (!seq.IsKnown || !batch.IsKnown || !inputSize.IsKnown || !hidden.IsKnown)
        {
            throw new UnresolvedException($"{kind} needs known sequence length, batch, input and hidden sizes, got X {x} and hidden size {hidden}");
        }

        var units = checked(seq.Value * batch.Value * directions * hidden.Value);
        context.AddMacs(checked(units * Gates * (inputSize.Value + hidden.Value)));
        var activations = context.StringList("activations") is { Length: > 0 } a ? a : null;
        long perUnit = 0;
        for (var d = 0; d < directions; d++)
        {
            perUnit += FlopsPerUnit(context, activations, d);
        }

        // FlopsPerUnit summed over directions; units already include the direction factor.
        context.AddFlops(checked(units / directions * perUnit));
        if (context.HasInput(4))
        {
            context.Note("sequence_lens given: the full sequence length is counted for every batch entry");
        }
    }

    private long FlopsPerUnit(NodeContext context, string[]? activations, int direction)
    {
        var perDirection = DefaultActivations.Length;
        var names = activations is null
            ? DefaultActivations
            : activations.Length >= (direction + 1) * perDirection
                ? activations[(direction * perDirection)..((direction + 1) * perDirection)]
                : activations.Length == perDirection
                    ? activations
                    : throw context.Invalid($"{activations.Length} activations given, {perDirection} per direction expected");
        var cost = names.Select(n => ActivationFlops.TryGetValue(n, out var c) ? c : throw context.Invalid($"unknown activation '{n}'")).ToArray();
        var hasBias = context.HasInput(3);
        var clip = context.HasAttribute("clip") ? 2 : 0;
        return kind switch
        {
            // f(XW + HR + Wb + Rb)
            "RNN" => 1 + (hasBias ? 2 : 0) + cost[0] + clip,
            // z, r, h gates; r x (H or HR); H = (1 - z) x h + z x H
            "GRU" => 3 + (hasBias ? 6 : 0) + 1 + (2 * cost[0]) + cost[1] + (3 * clip) + 4,
            // i, f, c, o gates; peepholes; C = f x C + i x c; H = o x h(C)
            _ => 4 + (hasBias ? 8 : 0) + (context.HasInput(7) ? 6 : 0) + (3 * cost[0]) + cost[1] + cost[2] + (5 * clip) + 4,
        };
    }

    private static void Check(NodeContext context, Dim actual, Dim expected, string what)
    {
        if (actual.IsKnown && expected.IsKnown && actual.Value != expected.Value)
        {
            throw context.Invalid($"{what} is {actual.Value}, expected {expected.Value}");
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        1 or 2 => InputRole.Weight,
        3 => InputRole.Bias,
        7 => InputRole.Weight,
        _ => InputRole.Data,
    };
}
