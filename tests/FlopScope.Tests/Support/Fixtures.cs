using System.Text.Json;

namespace FlopScope.Tests.Support;

/// <summary>Paths of the fixture files copied next to the test assembly, and the reference figures.</summary>
internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string Model(string name) => Path.Combine(Root, "models", name + ".onnx.gz");

    public static IEnumerable<string> ModelNames => Reference.RootElement.GetProperty("models").EnumerateObject().Select(p => p.Name);

    public static JsonDocument Reference { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "models", "reference.json")));

    public static JsonElement ReferenceOf(string model) => Reference.RootElement.GetProperty("models").GetProperty(model);

    /// <summary>The input shapes reference.json lists for a model.</summary>
    public static Dictionary<string, long[]> InputsOf(string model) => ReferenceOf(model).GetProperty("inputs").EnumerateObject()
        .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetInt64()).ToArray());
}
