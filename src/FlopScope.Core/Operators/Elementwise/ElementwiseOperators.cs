using FlopScope.Graph;

namespace FlopScope.Operators.Elementwise;

/// <summary>
/// Elementwise ops of the default domain with their per-element FLOP figures. The rule: every elementary operation
/// (add, multiply, compare, divide, and one evaluation of exp, log, sqrt, erf, tanh, sin, ...) is one FLOP; a composite
/// activation costs the operations of its defining formula. docs/cost-model.md lists the same table.
/// </summary>
internal static class ElementwiseOperators
{
    private static readonly BinaryFunction AddFn = new((a, b) => a + b, (a, b) => unchecked(a + b));
    private static readonly BinaryFunction SubFn = new((a, b) => a - b, (a, b) => unchecked(a - b));
    private static readonly BinaryFunction MulFn = new((a, b) => a * b, (a, b) => unchecked(a * b));
    private static readonly BinaryFunction DivFn = new((a, b) => a / b, (a, b) => b == 0 ? 0 : a / b);
    private static readonly BinaryFunction MaxFn = new(Math.Max, Math.Max);
    private static readonly BinaryFunction MinFn = new(Math.Min, Math.Min);

    public static void Register(OperatorRegistry registry)
    {
        // Arithmetic: 1 FLOP per output element.
        registry.Register("Add", new BinaryHandler(AddFn));
        registry.Register("Sub", new BinaryHandler(SubFn));
        registry.Register("Mul", new BinaryHandler(MulFn));
        registry.Register("Div", new BinaryHandler(DivFn));
        registry.Register("Pow", new BinaryHandler(new(Math.Pow, (a, b) => (long)Math.Pow(a, b))));
        registry.Register("Mod", new BinaryHandler(new(Math.IEEERemainder, (a, b) => b == 0 ? 0 : ((a % b) + b) % b)));
        registry.Register("BitShift", new BinaryHandler(null));
        registry.Register("BitwiseAnd", new BinaryHandler(new((a, b) => (long)a & (long)b, (a, b) => a & b)));
        registry.Register("BitwiseOr", new BinaryHandler(new((a, b) => (long)a | (long)b, (a, b) => a | b)));
        registry.Register("BitwiseXor", new BinaryHandler(new((a, b) => (long)a ^ (long)b, (a, b) => a ^ b)));

        // Comparisons and logic: 1 FLOP per element on floating-point operands, boolean output.
        registry.Register("Equal", new BinaryHandler(new((a, b) => a == b ? 1 : 0, (a, b) => a == b ? 1 : 0), returnsBool: true));
        registry.Register("Less", new BinaryHandler(new((a, b) => a < b ? 1 : 0, (a, b) => a < b ? 1 : 0), returnsBool: true));
        registry.Register("LessOrEqual", new BinaryHandler(new((a, b) => a <= b ? 1 : 0, (a, b) => a <= b ? 1 : 0), returnsBool: true));
        registry.Register("Greater", new BinaryHandler(new((a, b) => a > b ? 1 : 0, (a, b) => a > b ? 1 : 0), returnsBool: true));
        registry.Register("GreaterOrEqual", new BinaryHandler(new((a, b) => a >= b ? 1 : 0, (a, b) => a >= b ? 1 : 0), returnsBool: true));
        registry.Register("And", new BinaryHandler(new((a, b) => a != 0 && b != 0 ? 1 : 0, (a, b) => a != 0 && b != 0 ? 1 : 0)));
        registry.Register("Or", new BinaryHandler(new((a, b) => a != 0 || b != 0 ? 1 : 0, (a, b) => a != 0 || b != 0 ? 1 : 0)));
        registry.Register("Xor", new BinaryHandler(new((a, b) => (a != 0) ^ (b != 0) ? 1 : 0, (a, b) => (a != 0) ^ (b != 0) ? 1 : 0)));
        registry.Register("PRelu", new PReluHandler());

        // Variadic: (inputs - 1) FLOPs per element, Mean one more.
        registry.Register("Sum", new VariadicHandler(AddFn));
        registry.Register("Max", new VariadicHandler(MaxFn));
        registry.Register("Min", new VariadicHandler(MinFn));
        registry.Register("Mean", new VariadicHandler(AddFn, extraFlopsPerElement: 1));

        registry.Register("Where", new WhereHandler());
        registry.Register("Clip", new ClipHandler());
        registry.Register("Cast", new CastHandler(like: false));
        registry.Register("CastLike", new CastHandler(like: true));

        // One elementary operation per element.
        registry.Register("Relu", new UnaryHandler(1, v => Math.Max(v, 0)));
        registry.Register("Abs", new UnaryHandler(1, Math.Abs));
        registry.Register("Neg", new UnaryHandler(1, v => -v));
        registry.Register("Sign", new UnaryHandler(1, v => Math.Sign(v)));
        registry.Register("Ceil", new UnaryHandler(1, Math.Ceiling));
        registry.Register("Floor", new UnaryHandler(1, Math.Floor));
        registry.Register("Round", new UnaryHandler(1, v => Math.Round(v, MidpointRounding.ToEven)));
        registry.Register("Reciprocal", new UnaryHandler(1, v => 1 / v));
        registry.Register("Sqrt", new UnaryHandler(1, Math.Sqrt));
        registry.Register("Exp", new UnaryHandler(1, Math.Exp));
        registry.Register("Log", new UnaryHandler(1, Math.Log));
        registry.Register("Erf", new UnaryHandler(1));
        registry.Register("Tanh", new UnaryHandler(1, Math.Tanh));
        foreach (var op in new[] { "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh" })
        {
            registry.Register(op, new UnaryHandler(1));
        }

        registry.Register("Not", new UnaryHandler(0, v => v == 0 ? 1 : 0));
        registry.Register("BitwiseNot", new UnaryHandler(0, v => ~(long)v));
        registry.Register("IsNaN", new UnaryHandler(1, outputType: DataType.Bool));
        registry.Register("IsInf", new UnaryHandler(1, outputType: DataType.Bool));
        registry.Register("ThresholdedRelu", new UnaryHandler(1));

        // Composite activations: the operations of their defining formula.
        registry.Register("LeakyRelu", new UnaryHandler(2));       // compare, multiply
        registry.Register("Sigmoid", new UnaryHandler(3));         // exp(-x), add 1, divide
        registry.Register("HardSigmoid", new UnaryHandler(4));     // multiply, add, min, max
        registry.Register("HardSwish", new UnaryHandler(5));       // hard sigmoid (4), multiply
        registry.Register("Elu", new UnaryHandler(4));             // compare, exp, subtract, multiply
        registry.Register("Celu", new UnaryHandler(5));            // compare, divide, exp, subtract, multiply
        registry.Register("Selu", new UnaryHandler(5));            // Elu (4), scale
        registry.Register("Softplus", new UnaryHandler(3));        // exp, add, log
        registry.Register("Softsign", new UnaryHandler(3));        // abs, add, divide
        registry.Register("Mish", new UnaryHandler(5));            // softplus (3), tanh, multiply
        registry.Register("Swish", new UnaryHandler(5));           // alpha x, sigmoid (3), multiply (opset 24)
        registry.Register("Shrink", new UnaryHandler(2));          // compare, add
        registry.Register("Gelu", new GeluHandler());
    }
}
