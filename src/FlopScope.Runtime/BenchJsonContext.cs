using System.Text.Json.Serialization;

namespace FlopScope.Runtime;

/// <summary>Source-generated JSON metadata of bench results: no run-time reflection (Native AOT publishing).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
