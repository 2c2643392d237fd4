using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// GridSample(X [N, C, D1..Dr], grid [N, O1..Or, r]): output [N, C, O1..Or]. Cost on floating-point data: per output
/// location (shared by the channels) 2 FLOPs per coordinate to unnormalize it; per output element, "nearest" 0,
/// "linear"/"bilinear" 2^r taps weighted and summed (2^(r+1) - 1 FLOPs, 7 in 2-D), "cubic"/"bicubic" 4^r taps
/// (2·4^r - 1, 31 in 2-D). Interpolation weights per location are not counted.
/// </summary>
public sealed class GridSampleHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Shape(0);
        var grid = context.Shape(1);
        var r = x.Rank - 2;
        if (r < 1 || grid.Rank != x.Rank || (grid[grid.Rank - 1].IsKnown && grid[grid.Rank - 1].Value != r))
        {
            throw context.Invalid($"input {x} and grid {grid} do not fit");
        }

        var output = new TensorShape(new[] { x[0], x[1] }.Concat(grid.Dims.Skip(1).Take(r)));
        context.SetOutput(0, context.TypeOf(0), output);
        var mode = context.String("mode", context.Opset >= 20 ? "linear" : "bilinear");
        var taps = mode switch
        {
            "nearest" => 0L,
            "linear" or "bilinear" => 1L << r,
            "cubic" or "bicubic" => 1L << (2 * r),
            _ => throw context.Invalid($"unknown mode '{mode}'"),
        };
        var perElement = taps == 0 ? 0 : (2 * taps) - 1;
        var locations = ShapeMath.Elements(new TensorShape(new[] { x[0] }.Concat(grid.Dims.Skip(1).Take(r))));
        var type = context.TypeOf(0);
        context.AddFlops(FloatCost.Of(type, ShapeMath.Elements(output), perElement));
        context.AddFlops(FloatCost.Of(type, locations, 2L * r));
    }
}
