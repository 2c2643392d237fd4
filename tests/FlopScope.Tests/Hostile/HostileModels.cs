using FlopScope.Graph;
using FlopScope.Onnx.Writing;

namespace FlopScope.Tests.Hostile;

/// <summary>Generators of hostile graphs: deep nests, recursive and exponential functions, long chains.</summary>
internal static class HostileModels
{
    /// <summary>x (1x4) through <paramref name="depth"/> nested Ifs whose condition is a graph input (unknown): each
    /// then branch holds the next If, the innermost a Relu of x; else branches are Identity of x.</summary>
    public static Model NestedIf(int depth)
    {
        // Built from the inside out so that building does not recurse per level either.
        Graph.Graph? inner = null;
        for (var d = depth; d >= 1; d--)
        {
            var output = $"y{d}";
            Node node = inner is null
                ? new Node($"relu{d}", "Relu", "", ["x"], [output])
                : new Node($"if{d}", "If", "", ["c"], [output], new Dictionary<string, AttributeValue>
                {
                    ["then_branch"] = new() { Kind = AttributeKind.Graph, Graph = inner },
                    ["else_branch"] = new() { Kind = AttributeKind.Graph, Graph = new Graph.Graph($"else{d}", [new Node($"id{d}", "Identity", "", ["x"], [$"e{d}"])], [], [new ValueInfo($"e{d}", DataType.Float, null)], new Dictionary<string, TensorDescriptor>()) },
                });
            inner = new Graph.Graph($"g{d}", [node], [], [new ValueInfo(output, DataType.Float, null)], new Dictionary<string, TensorDescriptor>());
        }

        var top = new Node("if0", "If", "", ["c"], ["y"], new Dictionary<string, AttributeValue>
        {
            ["then_branch"] = new() { Kind = AttributeKind.Graph, Graph = inner! },
            ["else_branch"] = new() { Kind = AttributeKind.Graph, Graph = new Graph.Graph("else0", [new Node("id0", "Identity", "", ["x"], ["e0"])], [], [new ValueInfo("e0", DataType.Float, null)], new Dictionary<string, TensorDescriptor>()) },
        });
        var graph = new Graph.Graph("nest", [top],
            [new ValueInfo("x", DataType.Float, new TensorShape(1, 4)), new ValueInfo("c", DataType.Bool, new TensorShape())],
            [new ValueInfo("y", DataType.Float, null)], new Dictionary<string, TensorDescriptor>());
        return new Model(graph, new Dictionary<string, long> { [""] = 17 });
    }

    /// <summary>E0 = Relu; Ek(a) = E(k-1)(E(k-1)(a)); the graph calls E<paramref name="levels"/> on a 1x4 input:
    /// 2^levels Relus of 4 elements when expanded naively.</summary>
    public static Model ExponentialFunctions(int levels)
    {
        var functions = new List<LocalFunction>
        {
            new("local", "E0", ["a"], ["b"], [], [new Node("r", "Relu", "", ["a"], ["b"])], new Dictionary<string, long> { [""] = 17 }),
        };
        for (var k = 1; k <= levels; k++)
        {
            functions.Add(new LocalFunction("local", $"E{k}", ["a"], ["b"], [],
                [new Node("first", $"E{k - 1}", "local", ["a"], ["t"]), new Node("second", $"E{k - 1}", "local", ["t"], ["b"])],
                new Dictionary<string, long> { [""] = 17, ["local"] = 1 }));
        }

        var graph = new Graph.Graph("exp", [new Node("call", $"E{levels}", "local", ["x"], ["y"])],
            [new ValueInfo("x", DataType.Float, new TensorShape(1, 4))], [new ValueInfo("y", DataType.Float, null)],
            new Dictionary<string, TensorDescriptor>());
        return new Model(graph, new Dictionary<string, long> { [""] = 17, ["local"] = 1 }, functions: functions);
    }

    /// <summary>A calls B, B calls A.</summary>
    public static Model MutualRecursion()
    {
        var a = new LocalFunction("local", "A", ["x"], ["y"], [], [new Node("callB", "B", "local", ["x"], ["y"])], new Dictionary<string, long> { ["local"] = 1 });
        var b = new LocalFunction("local", "B", ["x"], ["y"], [], [new Node("callA", "A", "local", ["x"], ["y"])], new Dictionary<string, long> { ["local"] = 1 });
        var graph = new Graph.Graph("mutual", [new Node("call", "A", "local", ["x"], ["y"])],
            [new ValueInfo("x", DataType.Float, new TensorShape(1, 4))], [new ValueInfo("y", DataType.Float, null)],
            new Dictionary<string, TensorDescriptor>());
        return new Model(graph, new Dictionary<string, long> { [""] = 17, ["local"] = 1 }, functions: [a, b]);
    }

    /// <summary>ModelProto bytes of a chain of <paramref name="nodes"/> Relus over a 1x64 input.</summary>
    public static byte[] ReluChain(int nodes) =>
        new MessageWriter().Int(1, 8).String(2, "hostile").Message(8, o => o.Int(2, 17)).Message(7, g =>
        {
            g.String(2, "chain");
            g.Message(11, v => v.String(1, "x0").Message(2, t => t.Message(1, tt => tt.Int(1, 1).Message(2, s => s.Message(1, d => d.Int(1, 1)).Message(1, d => d.Int(1, 64))))));
            for (var i = 0; i < nodes; i++)
            {
                var n = i;
                g.Message(1, node => node.String(1, $"x{n}").String(2, $"x{n + 1}").String(3, $"r{n}").String(4, "Relu"));
            }

            g.Message(12, v => v.String(1, $"x{nodes}"));
        }).ToArray();

    /// <summary>ModelProto bytes whose graph nests <paramref name="depth"/> If nodes through then_branch attributes.</summary>
    public static byte[] NestedIfBytes(int depth)
    {
        // Innermost first: a graph with one Relu; each level wraps the previous graph in an If's then/else branches.
        var leaf = new MessageWriter().String(2, "leaf").Message(1, n => n.String(1, "x").String(2, "y").String(4, "Relu")).Message(12, v => v.String(1, "y")).ToArray();
        var inner = leaf;
        for (var d = 0; d < depth; d++)
        {
            var body = inner;
            inner = new MessageWriter().String(2, $"g{d}").Message(1, n => n.String(1, "c").String(2, "y").String(4, "If")
                .Message(5, a => a.String(1, "then_branch").Int(20, (int)AttributeKind.Graph).Bytes(6, body))
                .Message(5, a => a.String(1, "else_branch").Int(20, (int)AttributeKind.Graph).Bytes(6, leaf)))
                .Message(12, v => v.String(1, "y")).ToArray();
        }

        return new MessageWriter().Int(1, 8).Message(8, o => o.Int(2, 17)).Bytes(7, inner).ToArray();
    }
}
