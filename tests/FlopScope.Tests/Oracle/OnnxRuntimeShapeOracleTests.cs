using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Onnx.Writing;
using FlopScope.Operators;
using FlopScope.Profiling;
using FlopScope.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FlopScope.Tests.Oracle;

/// <summary>
/// The oracle no counting rule can fool: each fixture runs in ONNX Runtime with every intermediate value added as a
/// graph output, and every statically inferred shape must equal the shape ONNX Runtime observed.
/// </summary>
public sealed class OnnxRuntimeShapeOracleTests
{
    public static TheoryData<string> Models => new(Fixtures.ModelNames);

    [Theory]
    [MemberData(nameof(Models))]
    public void InferredShapesEqualObservedShapesForEveryTensor(string name)
    {
        var model = ModelCache.Fixture(name).Model;
        var inputs = InputBinder.Bind(model.Graph, new ProfileOptions { InputShapes = Fixtures.InputsOf(name) });
        var analysis = new GraphAnalyzer(OperatorRegistry.CreateDefault(), model.Opsets, model.Functions)
            .Analyze(model.Graph, InputBinder.ToTensorInfos(inputs));

        var declaredOutputs = model.Graph.Outputs.Select(o => o.Name).ToHashSet();
        var values = analysis.Nodes.SelectMany(n => n.Node.Outputs.Select((o, i) => (Name: o, Info: n.Outputs[i])))
            .Where(v => v.Name.Length > 0)
            .ToList();
        Assert.All(values, v => Assert.True(v.Info?.Shape is { IsFullyKnown: true }, $"'{v.Name}' was not inferred"));

        var extra = values.Where(v => !declaredOutputs.Contains(v.Name)).Select(v => (v.Name, v.Info!.DataType));
        var patched = ModelOutputPatcher.AddOutputs(ModelCache.FixtureBytes(name), extra);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(patched, options);
        var feeds = inputs.Select(ZeroInput).ToList();
        var outputNames = values.Select(v => v.Name).ToList();
        using var results = session.Run(feeds, outputNames);

        var mismatches = new List<string>();
        foreach (var result in results)
        {
            var observed = ObservedShape(result);
            var inferred = values.First(v => v.Name == result.Name).Info!.Shape!.ToArray();
            if (!observed.SequenceEqual(inferred))
            {
                mismatches.Add($"{result.Name}: inferred {string.Join("x", inferred)}, observed {string.Join("x", observed)}");
            }
        }

        Assert.Equal(values.Count, results.Count);
        Assert.Empty(mismatches);
    }

    private static long[] ObservedShape(DisposableNamedOnnxValue value) => value.Value switch
    {
        Tensor<float> t => t.Dimensions.ToArray().Select(d => (long)d).ToArray(),
        Tensor<long> t => t.Dimensions.ToArray().Select(d => (long)d).ToArray(),
        Tensor<int> t => t.Dimensions.ToArray().Select(d => (long)d).ToArray(),
        Tensor<bool> t => t.Dimensions.ToArray().Select(d => (long)d).ToArray(),
        Tensor<double> t => t.Dimensions.ToArray().Select(d => (long)d).ToArray(),
        _ => throw new InvalidOperationException($"unexpected output type of '{value.Name}'"),
    };

    private static NamedOnnxValue ZeroInput(BoundInput input) => input.DataType switch
    {
        DataType.Int64 => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<long>(Dims(input))),
        DataType.Int32 => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<int>(Dims(input))),
        _ => NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<float>(Dims(input))),
    };

    private static int[] Dims(BoundInput input) => input.Shape.ToArray().Select(d => (int)d).ToArray();
}
