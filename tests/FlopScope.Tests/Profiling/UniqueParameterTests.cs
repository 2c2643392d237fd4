using System.Text.Json;
using FlopScope.Graph;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Profiling;

/// <summary>Stored vs unique parameters: a tied embedding written twice by the exporter is found by its bytes.</summary>
public sealed class UniqueParameterTests
{
    private const int Vocab = 50, Width = 16;

    /// <summary>A tiny language model: token embedding, position embedding (same shape, other values), two zero
    /// biases (same shape, equal only because zero) and an output projection whose weight is a second copy of the
    /// token embedding, as exporters write a tied lm_head.</summary>
    internal static Model TiedLanguageModel(Func<TensorDescriptor, TensorDescriptor>? store = null)
    {
        var embedding = Values(seed: 1, Vocab * Width);
        var positions = Values(seed: 2, Vocab * Width);
        // Same first and last 256 bytes as the embedding, different in the middle: the screen alone must not tie them.
        var lookalike = (double[])embedding.Clone();
        lookalike[Vocab * Width / 2] += 1;
        var graph = new TestGraph()
            .Input("ids", DataType.Int64, 1, 8)
            .Floats("wte.weight", embedding, [Vocab, Width])
            .Floats("wpe.weight", positions, [Vocab, Width])
            .Floats("lookalike", lookalike, [Vocab, Width])
            .Floats("bias.0", new double[Width], [Width])
            .Floats("bias.1", new double[Width], [Width])
            .Floats("lm_head.weight", embedding, [Vocab, Width])
            .Node("Gather", ["wte.weight", "ids"], ["tok"])
            .Node("Gather", ["wpe.weight", "ids"], ["pos"])
            .Node("Gather", ["lookalike", "ids"], ["look"])
            .Node("Add", ["tok", "pos"], ["h0"])
            .Node("Add", ["h0", "look"], ["h1"])
            .Node("Add", ["h1", "bias.0"], ["h2"])
            .Node("Add", ["h2", "bias.1"], ["h"])
            .Node("Transpose", ["lm_head.weight"], ["head"], ("perm", new long[] { 1, 0 }))
            .Node("MatMul", ["h", "head"], ["logits"])
            .BuildModel("logits");
        if (store is null)
        {
            return graph;
        }

        var g = graph.Graph;
        var initializers = g.Initializers.ToDictionary(kv => kv.Key, kv => store(kv.Value));
        return new Model(new Graph.Graph(g.Name, g.Nodes, g.AllDeclaredInputs, g.Outputs, initializers), graph.Opsets);
    }

    private static double[] Values(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() - 0.5, 4)).ToArray();
    }

    [Fact]
    public void TiedEmbeddingIsCountedOnceAndNamed()
    {
        var model = OnnxModel.Load(OnnxWriter.Write(TiedLanguageModel()), "tiny_lm");
        var parameters = model.Profile().Summary.Parameters;

        // Stored: four 50x16 tables and two 16-element biases.
        Assert.Equal((4 * Vocab * Width) + (2 * Width), parameters.Total);
        // Unique: the lm_head copy of wte counted once. The position table, the look-alike and the zero biases stay.
        Assert.Equal((3 * Vocab * Width) + (2 * Width), parameters.Unique);
        var tied = Assert.Single(parameters.Tied);
        Assert.Equal(["wte.weight", "lm_head.weight"], tied.Names);
        Assert.Equal(Vocab * Width, tied.Elements);
        Assert.True(parameters.DuplicatesChecked);
    }

    /// <summary>Writes the tied model to <paramref name="folder"/> with its four tables in <c>weights.bin</c> (external
    /// data) and returns the model's path.</summary>
    internal static string WriteWithExternalTables(TempFolder folder)
    {
        var model = TiedLanguageModel(t => t.Dims.Length == 2 ? t with { IsExternal = true, ExternalLocation = "weights.bin" } : t);
        // The external file holds the four tables in write order (OnnxWriter lays their offsets out so).
        var tables = model.Graph.Initializers.Values.Where(t => t.IsExternal).ToArray();
        using (var data = File.Create(folder.File("weights.bin")))
        {
            foreach (var table in tables)
            {
                for (var i = 0; i < table.Values!.Length; i++)
                {
                    data.Write(BitConverter.GetBytes((float)table.Values.AsDouble(i)));
                }
            }
        }

        return folder.Write("tiny_lm.onnx", OnnxWriter.Write(model));
    }

    [Fact]
    public void TiedTensorsInExternalDataAreComparedThroughTheMappedFile()
    {
        using var folder = new TempFolder();
        var path = WriteWithExternalTables(folder);
        var parameters = OnnxModel.Load(path).Profile().Summary.Parameters;

        Assert.Equal(["wte.weight", "lm_head.weight"], Assert.Single(parameters.Tied).Names);
        Assert.Equal((3 * Vocab * Width) + (2 * Width), parameters.Unique);
    }

    [Fact]
    public void EveryOutputReportsStoredAndUnique()
    {
        using var folder = new TempFolder();
        var path = folder.Write("tiny_lm.onnx", OnnxWriter.Write(TiedLanguageModel()));

        var console = CliRunner.Run("profile", path);
        Assert.Contains("tiny_lm summary: 9 nodes, 3,232 parameters (2,432 unique)", console.Stdout);
        Assert.Contains("wte.weight = lm_head.weight tied", console.Stdout);

        using var json = JsonDocument.Parse(CliRunner.Run("profile", path, "--format", "json").Stdout);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(3232, summary.GetProperty("parameters").GetInt64());
        Assert.Equal(2432, summary.GetProperty("unique_parameters").GetInt64());
        Assert.Equal("lm_head.weight", summary.GetProperty("tied_parameters")[0].GetProperty("names")[1].GetString());

        Assert.Contains("| Unique parameters | 2,432 unique (wte.weight = lm_head.weight tied, 800 each) |", CliRunner.Run("profile", path, "--format", "markdown").Stdout);
    }

    [Fact]
    public void ZeroedFixtureWeightsAreNotTied()
    {
        // Every fixture's weights were zeroed: equal by construction, not shared, so nothing is reported tied.
        var parameters = ModelCache.Fixture("resnet18").Profile().Summary.Parameters;

        Assert.True(parameters.DuplicatesChecked);
        Assert.Empty(parameters.Tied);
        Assert.Equal(parameters.Total, parameters.Unique);
    }
}
