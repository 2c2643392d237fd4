using FlopScope.Inference;
using FlopScope.Onnx;
using FlopScope.Onnx.Loading;
using FlopScope.Operators;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Oracle;

/// <summary>
/// Ground truth from the ONNX project's backend test data: every case's model is analysed at its declared input shapes
/// and each graph output's inferred shape must equal the dims of the expected output tensor. Cases built on sequence,
/// string or training ops are out of scope by design: their report must list those ops as unsupported.
/// </summary>
public sealed class OnnxBackendCaseTests
{
    private static string Root => Path.Combine(Fixtures.Root, "onnx-backend-tests");

    /// <summary>Cases built on ops FlopScope does not model (sequences, strings, gradients): exactly the ops the report
    /// must list as unsupported.</summary>
    private static readonly Dictionary<string, string[]> OutOfScope = new()
    {
        ["simple/test_gradient_of_add"] = ["ai.onnx.preview.training.Gradient"],
        ["simple/test_gradient_of_add_and_mul"] = ["ai.onnx.preview.training.Gradient"],
        ["simple/test_sequence_model1"] = ["SequenceAt", "SequenceEmpty", "SequenceInsert"],
        ["simple/test_sequence_model2"] = ["SequenceAt", "SequenceConstruct", "SequenceErase"],
        ["simple/test_sequence_model3"] = ["SequenceAt", "SequenceConstruct", "SequenceErase", "SequenceInsert"],
        ["simple/test_sequence_model4"] = ["ConcatFromSequence", "SequenceConstruct"],
        ["simple/test_sequence_model5"] = ["ConcatFromSequence", "SequenceConstruct"],
        ["simple/test_sequence_model6"] = ["SequenceLength", "SplitToSequence"],
        ["simple/test_sequence_model7"] = ["SequenceAt", "SplitToSequence"],
        ["simple/test_sequence_model8"] = ["SequenceLength", "SplitToSequence"],
        ["simple/test_strnorm_model_monday_casesensintive_lower"] = ["StringNormalizer"],
        ["simple/test_strnorm_model_monday_casesensintive_nochangecase"] = ["StringNormalizer"],
        ["simple/test_strnorm_model_monday_casesensintive_upper"] = ["StringNormalizer"],
        ["simple/test_strnorm_model_monday_empty_output"] = ["StringNormalizer"],
        ["simple/test_strnorm_model_monday_insensintive_upper_twodim"] = ["StringNormalizer"],
        ["simple/test_strnorm_model_nostopwords_nochangecase"] = ["StringNormalizer"],
    };

    /// <summary>Cases whose output shape depends on the values of a graph input (Expand's target shape is fed at run
    /// time, and the input .pb files are not copied): the node must be reported unresolved, never counted as zero.</summary>
    private static readonly Dictionary<string, string> ValueDependent = new()
    {
        ["simple/test_expand_shape_model1"] = "Expand",
        ["simple/test_expand_shape_model2"] = "Expand",
        ["simple/test_expand_shape_model3"] = "Expand",
        ["simple/test_expand_shape_model4"] = "Expand",
    };

    /// <summary>Dynamic dimensions bound for a case (only test_sequence_model8 declares one: X is 1-D of length n).</summary>
    private static readonly Dictionary<string, Dictionary<string, long>> BoundDims = new()
    {
        ["simple/test_sequence_model8"] = new() { ["n"] = 6 },
    };

    public static TheoryData<string> Cases
    {
        get
        {
            var cases = new TheoryData<string>();
            foreach (var folder in new[] { "pytorch-converted", "pytorch-operator", "simple" })
            {
                foreach (var dir in Directory.GetDirectories(Path.Combine(Root, folder)).Order(StringComparer.Ordinal))
                {
                    var id = $"{folder}/{Path.GetFileName(dir)}";
                    if (!OutOfScope.ContainsKey(id) && !ValueDependent.ContainsKey(id))
                    {
                        cases.Add(id);
                    }
                }
            }

            foreach (var file in Directory.GetFiles(Path.Combine(Root, "light"), "*.onnx").Order(StringComparer.Ordinal))
            {
                cases.Add("light/" + Path.GetFileNameWithoutExtension(file));
            }

            return cases;
        }
    }

    public static TheoryData<string> OutOfScopeCases => new(OutOfScope.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> ValueDependentCases => new(ValueDependent.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void EveryCaseFolderIsCovered()
    {
        var total = new[] { "pytorch-converted", "pytorch-operator", "simple" }.Sum(f => Directory.GetDirectories(Path.Combine(Root, f)).Length)
            + Directory.GetFiles(Path.Combine(Root, "light"), "*.onnx").Length;

        Assert.Equal(total, Cases.Count + OutOfScope.Count + ValueDependent.Count);
        Assert.All(OutOfScope.Keys.Concat(ValueDependent.Keys), k => Assert.True(Directory.Exists(Path.Combine(Root, k)), k));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InferredOutputShapesEqualExpectedOutputs(string id)
    {
        var (modelPath, expected) = Files(id);
        var model = OnnxModel.Load(modelPath).Model;
        // Every case declares static input shapes, so no dimension needs binding.
        var inputs = InputBinder.Bind(model.Graph, new ProfileOptions());
        Assert.All(inputs, i => Assert.Equal(i.DeclaredShape, i.Shape.ToString()));
        var analysis = new GraphAnalyzer(OperatorRegistry.CreateDefault(), model.Opsets, model.Functions)
            .Analyze(model.Graph, InputBinder.ToTensorInfos(inputs));

        Assert.All(analysis.Nodes, n => Assert.True(n.Status == NodeStatus.Resolved, $"{n.DisplayName}: {n.Status} {n.Reason}"));
        Assert.Equal(expected.Count, model.Graph.Outputs.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var name = model.Graph.Outputs[i].Name;
            var want = TensorFile.Read(expected[i]).Dims;
            var got = analysis.Values.TryGetValue(name, out var info) ? info?.Shape : null;
            Assert.True(got is { IsFullyKnown: true }, $"output '{name}' was not inferred");
            Assert.Equal(string.Join("x", want), string.Join("x", got!.ToArray()));
        }

        // The report runs end to end too.
        var report = Profiler.Profile(model);
        Assert.True(report.Summary.IsComplete);
    }

    [Theory]
    [MemberData(nameof(OutOfScopeCases))]
    public void OutOfScopeCasesListTheirOpsAsUnsupported(string id)
    {
        var (modelPath, _) = Files(id);
        var report = OnnxModel.Load(modelPath).Profile(new ProfileOptions { Dims = BoundDims.GetValueOrDefault(id) ?? [] });

        Assert.False(report.Summary.IsComplete);
        Assert.Equal(OutOfScope[id], report.Summary.Unsupported.Select(u => u.Op).Order(StringComparer.Ordinal));
        Assert.All(report.Summary.Unsupported, u => Assert.True(u.Nodes > 0));
        Assert.All(report.Summary.Unsupported.Select(u => u.Op), op =>
            Assert.Contains(report.Layers, l => l.Op == op && l.Status == NodeStatus.Unsupported && l.TotalFlops == 0));
    }

    [Theory]
    [MemberData(nameof(ValueDependentCases))]
    public void ValueDependentCasesReportTheNodeUnresolved(string id)
    {
        var (modelPath, expected) = Files(id);
        var report = OnnxModel.Load(modelPath).Profile(new ProfileOptions());

        var issue = Assert.Single(report.Summary.Unresolved);
        Assert.Equal(ValueDependent[id], issue.Op);
        Assert.Equal("value of input 'shape' not known statically", issue.Reason);
        Assert.Empty(report.Summary.Unsupported);
        // The expected output still exists: the case is only unresolvable without the run-time value of 'shape'.
        Assert.Single(expected);
    }

    private static (string Model, List<string> Outputs) Files(string id)
    {
        var (folder, name) = (id[..id.IndexOf('/')], id[(id.IndexOf('/') + 1)..]);
        if (folder == "light")
        {
            return (Path.Combine(Root, folder, name + ".onnx"), [Path.Combine(Root, folder, name + "_output_0.pb")]);
        }

        var dir = Path.Combine(Root, folder, name);
        var data = Path.Combine(dir, "test_data_set_0");
        var outputs = Enumerable.Range(0, 16).Select(i => Path.Combine(data, $"output_{i}.pb")).TakeWhile(File.Exists).ToList();
        return (Path.Combine(dir, "model.onnx"), outputs);
    }
}
