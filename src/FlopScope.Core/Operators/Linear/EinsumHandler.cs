using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// Einsum (opset 12): parses the equation (letters, one ellipsis per term, explicit or implicit output), checks index
/// sizes and gives the output shape. Cost, evaluating the operands pairwise from left to right (as runtimes do), each
/// step over the union U of the indices of the running result and the next operand:
/// a step that sums an index costs prod(U) MACs, one without summation (outer or elementwise product) prod(U) FLOPs.
/// For two operands this is the product of all distinct index sizes. A single operand costs one add per summed term:
/// prod(all indices) - output elements FLOPs (0 for transposes and diagonals such as "ii->i").
/// </summary>
public sealed class EinsumHandler : IOperatorHandler
{
    private const char EllipsisMark = '.';

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var equation = context.Attribute("equation").String ?? throw context.Invalid("equation is empty");
        equation = equation.Replace(" ", string.Empty, StringComparison.Ordinal);
        var arrow = equation.IndexOf("->", StringComparison.Ordinal);
        var left = arrow >= 0 ? equation[..arrow] : equation;
        var terms = left.Split(',').Select(t => Parse(context, t)).ToArray();
        if (terms.Length != context.InputCount)
        {
            throw context.Invalid($"equation '{equation}' has {terms.Length} operands, node has {context.InputCount} inputs");
        }

        var sizes = new Dictionary<char, Dim>();
        var ellipses = new List<TensorShape>();
        var labels = new List<List<string>>();
        for (var i = 0; i < terms.Length; i++)
        {
            var shape = context.Shape(i);
            var term = terms[i];
            var letters = term.Count(c => c != EllipsisMark);
            var hasEllipsis = term.Contains(EllipsisMark);
            var ellipsisRank = shape.Rank - letters;
            if (ellipsisRank < 0 || (!hasEllipsis && ellipsisRank != 0))
            {
                throw context.Invalid($"term '{Show(term)}' does not fit input {i} of rank {shape.Rank}");
            }

            var operandLabels = new List<string>();
            var axis = 0;
            foreach (var c in term)
            {
                if (c == EllipsisMark)
                {
                    var dims = new List<Dim>();
                    for (var e = 0; e < ellipsisRank; e++)
                    {
                        dims.Add(shape[axis]);
                        operandLabels.Add(EllipsisLabel(ellipsisRank - e - 1));
                        axis++;
                    }

                    ellipses.Add(new TensorShape(dims));
                    continue;
                }

                var d = shape[axis++];
                operandLabels.Add(c.ToString());
                if (sizes.TryGetValue(c, out var known) && known.IsKnown && d.IsKnown && known.Value != d.Value)
                {
                    throw context.Invalid($"index '{c}' has sizes {known.Value} and {d.Value}");
                }

                if (!sizes.TryGetValue(c, out var prior) || !prior.IsKnown)
                {
                    sizes[c] = d;
                }
            }

            labels.Add(operandLabels);
        }

        var ellipsis = ellipses.Count > 0 ? ShapeMath.Broadcast(context, [.. ellipses]) : TensorShape.Scalar;
        var output = arrow >= 0 ? Parse(context, equation[(arrow + 2)..]) : ImplicitOutput(terms);
        var outputDims = new List<Dim>();
        var outputLabels = new List<string>();
        foreach (var c in output)
        {
            if (c == EllipsisMark)
            {
                for (var e = 0; e < ellipsis.Rank; e++)
                {
                    outputDims.Add(ellipsis[e]);
                    outputLabels.Add(EllipsisLabel(ellipsis.Rank - e - 1));
                }
            }
            else
            {
                outputDims.Add(sizes.TryGetValue(c, out var d) ? d : throw context.Invalid($"output index '{c}' appears in no input"));
                outputLabels.Add(c.ToString());
            }
        }

        if (outputLabels.Distinct().Count() != outputLabels.Count)
        {
            throw context.Invalid("an output index repeats");
        }

        var outShape = new TensorShape(outputDims);
        context.SetOutput(0, context.TypeOf(0), outShape);

        long Size(string label)
        {
            var dim = label[0] == EllipsisMark ? ellipsis[ellipsis.Rank - 1 - int.Parse(label[1..], System.Globalization.CultureInfo.InvariantCulture)] : sizes[label[0]];
            return dim.IsKnown ? dim.Value : throw new UnresolvedException($"Einsum index '{label}' has unknown size {dim}");
        }

        long Product(IEnumerable<string> set) => set.Aggregate(1L, (p, l) => checked(p * Size(l)));

        if (labels.Count == 1)
        {
            var all = labels[0].Distinct().ToList();
            context.AddFlops(FloatCostOf(context, Product(all) - Product(outputLabels)));
            return;
        }

        var current = new HashSet<string>(labels[0]);
        for (var i = 1; i < labels.Count; i++)
        {
            var union = new HashSet<string>(current);
            union.UnionWith(labels[i]);
            var needed = new HashSet<string>(outputLabels);
            for (var j = i + 1; j < labels.Count; j++)
            {
                needed.UnionWith(labels[j]);
            }

            var keep = union.Where(needed.Contains).ToHashSet();
            var step = Product(union);
            if (keep.Count < union.Count)
            {
                context.AddMacs(step);
            }
            else
            {
                context.AddFlops(FloatCostOf(context, step));
            }

            current = keep;
        }
    }

    private static long FloatCostOf(NodeContext context, long flops) =>
        Elementwise.FloatCost.Of(context.TypeOf(0), flops, 1);

    private static string EllipsisLabel(int fromRight) => EllipsisMark + fromRight.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses one term into letters, with '.' standing for its ellipsis.</summary>
    private static string Parse(NodeContext context, string term)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '.')
            {
                if (i + 2 >= term.Length || term[i + 1] != '.' || term[i + 2] != '.' || result.ToString().Contains(EllipsisMark))
                {
                    throw context.Invalid($"bad ellipsis in term '{term}'");
                }

                result.Append(EllipsisMark);
                i += 2;
            }
            else if (char.IsAsciiLetter(term[i]))
            {
                result.Append(term[i]);
            }
            else
            {
                throw context.Invalid($"character '{term[i]}' is not an index letter");
            }
        }

        return result.ToString();
    }

    /// <summary>Implicit output: the ellipsis (if any) then the letters that occur once, in alphabetical order.</summary>
    private static string ImplicitOutput(string[] terms)
    {
        var counts = terms.SelectMany(t => t).Where(c => c != EllipsisMark).GroupBy(c => c).Where(g => g.Count() == 1).Select(g => g.Key);
        var letters = new string(counts.OrderBy(c => c).ToArray());
        return terms.Any(t => t.Contains(EllipsisMark)) ? EllipsisMark + letters : letters;
    }

    private static string Show(string term) => term.Replace(".", "...", StringComparison.Ordinal);
}
