using FlopScope.Graph;
using FlopScope.Onnx.Writing;

namespace FlopScope.Fuzzing;

/// <summary>
/// Structure-aware generator: builds ModelProto bytes from a <see cref="ChoiceTape"/> with random ops, inputs,
/// attributes (extreme ints, wrong kinds, nested graphs), shapes (zero, symbolic, huge), initializers holding shape
/// values, local functions (including ones that call each other) and nesting, valid enough to reach the handlers.
/// </summary>
public static class ModelGenerator
{
    private static readonly string[] Ops =
    [
        "Relu", "Add", "Mul", "MatMul", "Gemm", "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool",
        "BatchNormalization", "Reshape", "Flatten", "Concat", "Slice", "Gather", "Transpose", "Squeeze", "Unsqueeze",
        "Expand", "Tile", "Range", "ConstantOfShape", "OneHot", "Shape", "Size", "Cast", "Split", "Pad", "Resize",
        "ReduceSum", "ReduceMean", "Softmax", "LayerNormalization", "Einsum", "If", "Loop", "Scan", "Where", "Constant",
        "TopK", "NonZero", "CumSum", "Identity", "Sigmoid", "Erf", "Sqrt", "Div", "Attention", "LSTM", "GRU", "DepthToSpace",
        "Col2Im", "GridSample", "RoiAlign", "Trilu", "ScatterND", "GatherND", "Mod", "Clip", "Einsum", "NotAnOp",
    ];

    private static readonly string[] AttributeNames =
    [
        "axis", "axes", "perm", "kernel_shape", "strides", "pads", "dilations", "group", "to", "value", "output_shape",
        "output_padding", "transA", "transB", "equation", "mode", "keepdims", "split", "num_outputs", "then_branch",
        "else_branch", "body", "hidden_size", "direction", "num_scan_inputs", "auto_pad", "blocksize", "upper", "epsilon",
        "alpha", "k", "largest", "scales", "sizes", "allowzero", "ceil_mode", "count_include_pad", "storage_order",
    ];

    private static readonly long[] Ints = [0, 1, 2, 3, 4, -1, -2, 7, 16, 64, 255, 1L << 31, 1L << 40, 1L << 62, long.MaxValue, long.MinValue, int.MaxValue, -(1L << 40)];

    private static readonly long[] Dims = [1, 1, 2, 3, 4, 8, 16, 0, -1, 224, 1L << 20, 1L << 33, 1L << 62];

    /// <summary>ModelProto bytes built from <paramref name="tape"/>.</summary>
    public static byte[] Build(ChoiceTape tape)
    {
        var writer = new MessageWriter().Int(1, tape.OneIn(20) ? tape.Pick(Ints) : 8).String(2, "fuzz");
        writer.Message(8, o => o.Int(2, 7 + tape.Next(17)));
        writer.Message(8, o => o.String(1, "local").Int(2, 1));
        var functions = tape.Next(3);
        writer.Message(7, g => Graph(g, tape, depth: 0, outer: [], functions));
        for (var f = 0; f < functions; f++)
        {
            var index = f;
            writer.Message(25, fn =>
            {
                fn.String(1, $"F{index}").String(10, "local").String(4, "a").String(5, "b");
                fn.Message(9, o => o.Int(2, 17));
                fn.Message(9, o => o.String(1, "local").Int(2, 1));
                var names = new List<string> { "a" };
                var count = 1 + tape.Next(3);
                for (var i = 0; i < count; i++)
                {
                    var output = i == count - 1 ? "b" : $"t{i}";
                    // Calls to other functions, itself included: recursion must be an error, not a crash.
                    var op = tape.OneIn(3) ? $"F{tape.Next(functions)}" : tape.Pick(Ops);
                    var domain = op.StartsWith('F') && op.Length <= 3 ? "local" : string.Empty;
                    var input = tape.Pick(names);
                    fn.Message(7, n =>
                    {
                        n.String(1, input).String(2, output).String(3, $"fn{index}_{i}").String(4, op);
                        if (domain.Length > 0)
                        {
                            n.String(7, domain);
                        }
                    });
                    names.Add(output);
                }
            });
        }

        return writer.ToArray();
    }

    private static void Graph(MessageWriter g, ChoiceTape tape, int depth, List<string> outer, int functions)
    {
        g.String(2, $"g{depth}");
        var names = new List<string>(outer);
        var inputs = depth == 0 ? 1 + tape.Next(3) : tape.Next(2);
        for (var i = 0; i < inputs; i++)
        {
            var name = $"in{depth}_{i}";
            var rank = tape.Next(6);
            var type = tape.OneIn(4) ? tape.Pick(new[] { 7, 6, 9, 10, 11, 0, 99 }) : 1;
            g.Message(11, v => v.String(1, name).Message(2, t => t.Message(1, tt =>
            {
                tt.Int(1, type);
                tt.Message(2, s =>
                {
                    for (var d = 0; d < rank; d++)
                    {
                        var dim = tape.Pick(Dims);
                        if (dim < 0 || tape.OneIn(6))
                        {
                            s.Message(1, x => x.String(2, tape.OneIn(2) ? "N" : "batch"));
                        }
                        else
                        {
                            s.Message(1, x => x.Int(1, dim));
                        }
                    }
                });
            })));
            names.Add(name);
        }

        var initializers = tape.Next(4);
        for (var i = 0; i < initializers; i++)
        {
            var name = $"init{depth}_{i}";
            var length = tape.Next(5);
            var values = Enumerable.Range(0, length).Select(_ => tape.Pick(Ints)).ToArray();
            var floats = tape.OneIn(3);
            g.Message(5, t =>
            {
                t.PackedInts(1, tape.OneIn(8) ? [tape.Pick(Dims), tape.Pick(Dims)] : [length]);
                t.Int(2, floats ? 1 : 7).String(8, name);
                if (floats)
                {
                    t.PackedFloats(4, values.Select(v => (float)v));
                }
                else
                {
                    t.PackedInts(7, values);
                }
            });
            names.Add(name);
        }

        var nodes = 1 + tape.Next(depth == 0 ? 12 : 4);
        for (var i = 0; i < nodes; i++)
        {
            var op = functions > 0 && tape.OneIn(6) ? $"F{tape.Next(functions)}" : tape.Pick(Ops);
            var inputCount = tape.Next(5);
            var nodeInputs = Enumerable.Range(0, inputCount).Select(_ => tape.OneIn(10) ? (tape.OneIn(2) ? string.Empty : "undefined") : tape.Pick(names)).ToArray();
            var outputCount = 1 + (tape.OneIn(4) ? tape.Next(3) : 0);
            // Now and then an output redefines an existing value (an SSA error the loader must report); the rare
            // choice is the highest, not 0, because an exhausted tape answers 0 and must build valid graphs.
            var nodeOutputs = Enumerable.Range(0, outputCount).Select(o => tape.Next(30) == 29 && names.Count > 0 ? tape.Pick(names) : $"v{depth}_{i}_{o}").ToArray();
            var attributes = tape.Next(4);
            var nodeIndex = i;
            g.Message(1, n =>
            {
                foreach (var input in nodeInputs)
                {
                    n.String(1, input);
                }

                foreach (var output in nodeOutputs)
                {
                    n.String(2, output);
                }

                n.String(3, tape.OneIn(15) ? "\u001b]0;pwned\u0007<script>|*" : $"n{depth}_{nodeIndex}").String(4, op);
                if (op.StartsWith('F') && op.Length <= 3)
                {
                    n.String(7, "local");
                }

                for (var a = 0; a < attributes; a++)
                {
                    n.Message(5, attr => Attribute(attr, tape, depth, names, functions));
                }
            });
            names.AddRange(nodeOutputs);
        }

        // Distinct graph outputs (a repeated one is an error the SSA check reports, and it would hide the handlers);
        // now and then a repeat anyway, to keep that error reached.
        var outputs = 1 + tape.Next(2);
        var listed = new List<string>();
        for (var i = 0; i < outputs; i++)
        {
            var candidates = names.Count == 0 ? ["none"] : tape.Next(40) == 39 ? names : names.Except(listed).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var name = tape.Pick(candidates);
            listed.Add(name);
            g.Message(12, v => v.String(1, name));
        }
    }

    private static void Attribute(MessageWriter attr, ChoiceTape tape, int depth, List<string> names, int functions)
    {
        attr.String(1, tape.Pick(AttributeNames));
        var kind = tape.Next(8);
        // The declared type sometimes disagrees with the field set: wrong attribute types must be errors, not crashes.
        var declared = tape.OneIn(6) ? tape.Next(14) : kind switch { 0 => 2, 1 => 7, 2 => 1, 3 => 3, 4 => 4, 5 => 5, 6 => 6, _ => 2 };
        attr.Int(20, declared);
        switch (kind)
        {
            case 0: attr.Int(3, tape.Pick(Ints)); break;
            case 1: attr.PackedInts(8, Enumerable.Range(0, tape.Next(7)).Select(_ => tape.Pick(Ints))); break;
            case 2: attr.Float(2, tape.Pick(new[] { 0f, 1f, -1f, float.NaN, float.PositiveInfinity, 1e30f, 1e-30f })); break;
            case 3: attr.String(4, tape.Pick(new[] { "NOTSET", "SAME_UPPER", "VALID", "ij,jk->ik", "bilinear", "...,ii", "\u0000", "<b>" })); break;
            case 4:
                attr.Message(5, t => t.PackedInts(1, tape.OneIn(2) ? [] : [tape.Next(4)]).Int(2, tape.OneIn(2) ? 7 : 1)
                    .PackedInts(7, Enumerable.Range(0, tape.Next(4)).Select(_ => tape.Pick(Ints))));
                break;
            case 5 when depth < 3:
                attr.Message(6, g => Graph(g, tape, depth + 1, names, functions));
                break;
            default: attr.Int(3, tape.Next(4)); break;
        }
    }
}
