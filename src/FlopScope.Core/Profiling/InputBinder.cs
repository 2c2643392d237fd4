using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Profiling;

/// <summary>
/// Turns the declared inputs of a graph into concrete shapes from the options: explicit input shapes first, then
/// batch, image size and named dimensions; dynamic batch defaults to 1 and dynamic image H/W to 640. Any symbol left
/// unbound is an error that names it and the flag that binds it.
/// </summary>
public static class InputBinder
{
    /// <summary>Default H and W of a dynamic image input.</summary>
    public const long DefaultImageSize = 640;

    /// <summary>Binds every input of <paramref name="graph"/>.</summary>
    public static IReadOnlyList<BoundInput> Bind(Graph.Graph graph, ProfileOptions options)
    {
        foreach (var name in options.InputShapes.Keys)
        {
            if (graph.Inputs.All(i => i.Name != name))
            {
                throw new FlopScopeException($"The model has no input '{name}'; its inputs are: {string.Join(", ", graph.Inputs.Select(i => i.Name))}.");
            }
        }

        var symbolNames = Symbols(graph);
        foreach (var name in options.Dims.Keys.Where(n => !symbolNames.Contains(n, StringComparer.Ordinal)))
        {
            // A misspelt or foreign name (batch_size for batch) must not be ignored: the figures would be at another size.
            throw new FlopScopeException(symbolNames.Count == 0
                ? $"--dim {name}: the model has no symbolic dimensions (inputs: {string.Join(", ", graph.Inputs.Select(i => $"{i.Name} {i.Shape?.ToString() ?? "unknown"}"))}); use --input NAME=SHAPE, --batch or --imgsz."
                : $"--dim {name}: the model has no dimension '{name}'; its symbolic dimensions are: {string.Join(", ", symbolNames)}.");
        }

        var unbound = new List<(string Symbol, string Where)>();
        var bound = new List<BoundInput>();
        foreach (var input in graph.Inputs)
        {
            var declared = input.Shape?.ToString() ?? "unknown";
            if (options.InputShapes.TryGetValue(input.Name, out var explicitShape))
            {
                bound.Add(new BoundInput(input.Name, input.DataType, new TensorShape(explicitShape), declared) { SymbolicAxes = SymbolicAxes(input.Shape) });
                continue;
            }

            if (input.Shape is null)
            {
                throw new ShapeException($"Input '{input.Name}' declares no shape; give one with --input {input.Name}=1x3x224x224.");
            }

            var dims = input.Shape.Dims.ToArray();
            var (h, w) = ImageAxes(input.Shape);
            var defaulted = false;
            for (var axis = 0; axis < dims.Length; axis++)
            {
                var d = dims[axis];
                if (axis == 0 && options.Batch is { } batch && dims.Length >= 2)
                {
                    dims[axis] = batch;
                }
                else if (options.ImageSize is { } size && (axis == h || axis == w))
                {
                    dims[axis] = axis == h ? size.Height : size.Width;
                }
                else if (d.IsKnown)
                {
                    continue;
                }
                else if (d.Symbol is { } symbol && options.Dims.TryGetValue(symbol, out var value))
                {
                    dims[axis] = value;
                }
                else if (axis == 0 && dims.Length >= 2)
                {
                    dims[axis] = 1;
                }
                else if (axis == h || axis == w)
                {
                    dims[axis] = DefaultImageSize;
                    defaulted = true;
                }
                else if (d.Declared is { } negative)
                {
                    throw new ShapeException($"Input '{input.Name}' axis {axis} declares a negative dimension ({negative}), which is not a size; give the whole shape with --input {input.Name}={string.Join("x", input.Shape.Dims.Select(x => x.IsKnown ? x.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "N"))}.");
                }
                else
                {
                    unbound.Add((d.Symbol ?? "?", $"'{input.Name}' axis {axis}"));
                }
            }

            if (unbound.Count == 0)
            {
                bound.Add(new BoundInput(input.Name, input.DataType, new TensorShape(dims), declared, defaulted) { SymbolicAxes = SymbolicAxes(input.Shape) });
            }
        }

        if (unbound.Count > 0)
        {
            var symbols = unbound.GroupBy(u => u.Symbol).Select(g => $"{g.Key} (input {string.Join(", ", g.Select(u => u.Where))})").ToArray();
            throw new ShapeException($"Unbound symbolic dimension{(symbols.Length > 1 ? "s" : string.Empty)}: {string.Join("; ", symbols)}. Bind with --dim {unbound[0].Symbol}=N (or set a whole shape with --input NAME=1x...).");
        }

        return bound;
    }

    /// <summary>Axes of a declared shape without a fixed size.</summary>
    private static int[] SymbolicAxes(TensorShape? declared) =>
        declared is null ? [] : Enumerable.Range(0, declared.Rank).Where(a => !declared[a].IsKnown).ToArray();

    /// <summary>The symbolic dimension names of the graph's inputs, in order of first appearance.</summary>
    public static IReadOnlyList<string> Symbols(Graph.Graph graph) => graph.Inputs.Where(i => i.Shape is not null).SelectMany(i => i.Shape!.Dims)
        .Where(d => d.IsSymbolic).Select(d => d.Symbol!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Axes of H and W for an image input (rank 4, channels 1-4 in NCHW or NHWC), or (-1, -1).</summary>
    public static (int H, int W) ImageAxes(TensorShape shape)
    {
        if (shape.Rank != 4)
        {
            return (-1, -1);
        }

        static bool IsChannels(Dim d) => d.IsKnown && d.Value is >= 1 and <= 4;
        return IsChannels(shape[1]) ? (2, 3) : IsChannels(shape[3]) ? (1, 2) : (-1, -1);
    }

    /// <summary>The analyzer's view of bound inputs.</summary>
    public static Dictionary<string, TensorInfo> ToTensorInfos(IEnumerable<BoundInput> inputs) =>
        inputs.ToDictionary(i => i.Name, i => new TensorInfo(i.DataType, i.Shape));
}
