using System.Text.Json.Serialization;

namespace FlopScope.Hardware;

/// <summary>Source-generated JSON metadata of device profiles: no run-time reflection, so the CLI can be published
/// ahead of time (Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(DeviceProfile))]
internal sealed partial class DeviceJsonContext : JsonSerializerContext;
