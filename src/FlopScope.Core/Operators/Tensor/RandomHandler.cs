using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Random generators. Costs (the generator itself is not counted): RandomNormal/RandomUniform(Like) 2 FLOPs per element
/// (scale and shift of the raw draw), Bernoulli 1 (a comparison with the probability), Multinomial batch x sample_size x
/// classes comparisons (a linear search of the cumulative distribution).
/// </summary>
/// <param name="kind">Where shape and type come from.</param>
public sealed class RandomHandler(RandomKind kind) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        switch (kind)
        {
            case RandomKind.FromAttribute:
            {
                var dims = context.IntList("shape") ?? throw context.Invalid("lacks its 'shape' attribute");
                if (dims.Any(d => d < 0))
                {
                    throw context.Invalid($"shape [{string.Join(",", dims)}] has a negative dimension");
                }

                var shape = new TensorShape(dims);
                context.SetOutput(0, (DataType)context.Int("dtype", (long)DataType.Float), shape);
                context.AddFlops(checked(2 * ShapeMath.Elements(shape)));
                break;
            }

            case RandomKind.Like:
            case RandomKind.Bernoulli:
            {
                var shape = context.Shape(0);
                var type = context.HasAttribute("dtype") ? (DataType)context.Int("dtype") : context.TypeOf(0);
                context.SetOutput(0, type, shape);
                context.AddFlops(checked((kind == RandomKind.Like ? 2 : 1) * ShapeMath.Elements(shape)));
                break;
            }

            default:
            {
                var shape = context.Shape(0);
                if (shape.Rank != 2)
                {
                    throw context.Invalid($"input {shape} must be [batch, classes]");
                }

                var samples = context.Int("sample_size", 1);
                var output = new TensorShape([shape[0], samples]);
                context.SetOutput(0, (DataType)context.Int("dtype", (long)DataType.Int32), output);
                context.AddFlops(checked(ShapeMath.Elements(output) * ShapeMath.Elements(new TensorShape([shape[1]]))));
                break;
            }
        }
    }
}
