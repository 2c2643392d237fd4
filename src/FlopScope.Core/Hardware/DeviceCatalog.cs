using System.Text.Json;
using System.Text.Json.Serialization;
using FlopScope.Errors;

namespace FlopScope.Hardware;

/// <summary>
/// Device profiles by id: the built-in catalogue (devices.json, every figure with its source) plus user files in the
/// same format (<c>{"devices": [...]}</c>, or a single profile as <c>flopscope calibrate</c> writes it), which add
/// devices or override built-in ones by id.
/// </summary>
public sealed class DeviceCatalog
{
    private readonly Dictionary<string, DeviceProfile> _devices;

    private DeviceCatalog(IEnumerable<DeviceProfile> devices) =>
        _devices = devices.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>All devices, in catalogue order.</summary>
    public IReadOnlyCollection<DeviceProfile> Devices => _devices.Values;

    /// <summary>The built-in catalogue.</summary>
    public static DeviceCatalog BuiltIn()
    {
        using var stream = typeof(DeviceCatalog).Assembly.GetManifestResourceStream("FlopScope.Hardware.devices.json")
            ?? throw new InvalidOperationException("The built-in device catalogue is missing from the assembly.");
        return new DeviceCatalog(Parse(stream, "built-in catalogue"));
    }

    /// <summary>The built-in catalogue with the devices of <paramref name="path"/> added or overriding by id.</summary>
    public DeviceCatalog With(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FlopScopeException($"Device file not found: '{path}'.");
        }

        // Read with a cap: --devices /dev/zero or a huge file must not exhaust memory.
        using var stream = new MemoryStream(Safety.BoundedFile.ReadAllBytes(path, Safety.Limits.Current.Json, "device file", "json"));
        var merged = new Dictionary<string, DeviceProfile>(_devices, StringComparer.OrdinalIgnoreCase);
        foreach (var device in Parse(stream, path))
        {
            merged[device.Id] = device;
        }

        return new DeviceCatalog(merged.Values);
    }

    /// <summary>The device with id <paramref name="id"/>; throws a one-line error listing close ids otherwise.</summary>
    public DeviceProfile Get(string id)
    {
        if (_devices.TryGetValue(id.Trim(), out var device))
        {
            return device;
        }

        var close = _devices.Keys.Where(k => k.Contains(id.Trim(), StringComparison.OrdinalIgnoreCase) || id.Contains(k, StringComparison.OrdinalIgnoreCase)).Take(5).ToArray();
        throw new FlopScopeException($"Unknown device '{id}'." + (close.Length > 0 ? $" Did you mean: {string.Join(", ", close)}?" : string.Empty) + " 'flopscope devices' lists them.");
    }

    /// <summary>Serializes one profile in the catalogue format (what <c>calibrate</c> writes).</summary>
    public static string Serialize(DeviceProfile device) => JsonSerializer.Serialize(device, DeviceJsonContext.Default.DeviceProfile);

    private static List<DeviceProfile> Parse(Stream stream, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FlopScopeException($"Malformed device file '{source}': {e.Message.ReplaceLineEndings(" ")}");
        }

        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("devices", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().ToList()
                : root.ValueKind == JsonValueKind.Object ? [root] : throw new FlopScopeException($"Malformed device file '{source}': expected an object with a 'devices' array or one device object.");
            return items.Select((item, i) => Validate(Deserialize(item, source, i), source, i)).ToList();
        }
    }

    private static DeviceProfile Deserialize(JsonElement item, string source, int index)
    {
        try
        {
            return item.Deserialize(DeviceJsonContext.Default.DeviceProfile) ?? throw new FlopScopeException($"Malformed device file '{source}': device {index} is null.");
        }
        catch (JsonException e)
        {
            throw new FlopScopeException($"Malformed device file '{source}': device {index}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static IEnumerable<string> Texts(DeviceProfile d) =>
        new[] { d.Id, d.Name, d.Kind, d.Note ?? string.Empty }.Concat(d.Sources.Keys).Concat(d.Sources.Values).Concat(d.PeakTflops.Keys);

    private static IEnumerable<double> Numbers(DeviceProfile d) =>
        d.PeakTflops.Values.Concat(new[] { d.MemoryBandwidthGBs, d.ComputeEfficiency, d.MemoryEfficiency, d.KernelOverheadUs,
            d.CacheBandwidthGBs ?? 1, d.MemoryGB ?? 1, d.PowerW ?? 1 });

    private static DeviceProfile Validate(DeviceProfile d, string source, int index)
    {
        string? problem = d switch
        {
            _ when string.IsNullOrWhiteSpace(d.Id) => "has no id",
            _ when d.Id.Length > 64 || !d.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+') => "has an id that is not 1-64 letters, digits, '-', '_', '.' or '+'",
            _ when Texts(d).Any(t => t.Length > 4096 || t.Any(Safety.SafeText.IsUnsafe)) => "has a text field with control characters or longer than 4096 characters",
            _ when new[] { d.Name, d.Kind }.Any(t => t.Length > 200 || t.Any(c => c is '[' or ']' or '<' or '>' or '|' or '`')) => "has a name or kind with markup characters ([ ] < > | `) or longer than 200 characters",
            _ when Numbers(d).Any(v => !double.IsFinite(v)) => "has a number that is not finite (JSON reports cannot carry infinity)",
            _ when d.PeakTflops.Values.Any(v => v > 1e6) || d.MemoryBandwidthGBs > 1e6 || d.CacheBandwidthGBs > 1e7 => "has a peak above 10^6 TFLOPS or a bandwidth above 10^6 GB/s (10^7 for cache)",
            _ when d.PeakTflops.Values.Any(v => v is > 0 and < 1e-9) || d.MemoryBandwidthGBs is > 0 and < 1e-6 => "has a peak below 1 kFLOPS or a bandwidth below 1 kB/s (figures are TFLOPS and GB/s)",
            _ when d.KernelOverheadUs > 1e6 || d.MemoryGB > 1e7 || d.PowerW > 1e7 || d.CacheBytes > (1L << 50) => "has a kernel overhead, memory, power or cache figure out of any real range",
            _ when d.PeakTflops.Count == 0 || d.PeakTflops.Values.All(v => v <= 0) => "has no positive peak_tflops",
            _ when d.PeakTflops.Keys.Any(k => k is not ("fp32" or "tf32" or "fp16" or "bf16" or "int8")) => "has a peak_tflops key other than fp32, tf32, fp16, bf16, int8",
            _ when d.MemoryBandwidthGBs <= 0 => "has no positive memory_bandwidth_gbs",
            _ when d.ComputeEfficiency is <= 0 or > 1 || d.MemoryEfficiency is <= 0 or > 1 => "has an efficiency outside (0, 1]",
            _ when d.KernelOverheadUs < 0 => "has a negative kernel_overhead_us",
            _ when d.MemoryGB is <= 0 || d.PowerW is <= 0 => "has a non-positive memory_gb or power_w",
            _ when d.ParallelUnits is <= 0 || d.NchwcBlock is <= 0 => "has a non-positive parallel_units or nchwc_block",
            _ when d.Runtimes?.Values.Any(r => r.KernelOverheadUs is < 0) == true => "has a negative runtimes.*.kernel_overhead_us",
            _ when d.Runtimes?.Values.Any(r => r.ParallelOverheadUs is < 0 or > 1e6) == true => "has a runtimes.*.parallel_overhead_us out of range (0 to 1e6 us)",
            _ when d.Runtimes?.Values.Any(r => r.MemoryOverlap is < 0 or > 1 || r.EpilogueMacs is < 0 or > 1e6) == true => "has a runtimes.*.memory_overlap outside 0-1 or an epilogue_macs outside 0-1e6",
            _ when d.Runtimes?.Values.SelectMany(r => r.Classes.Keys).FirstOrDefault(k => !Kernels.KernelClasses.TryParse(k, out _)) is { } bad => $"has an unknown kernel class '{bad}' (use {string.Join(", ", Kernels.KernelClasses.All.Select(c => Kernels.KernelClasses.Id(c)))})",
            _ when d.Runtimes?.Values.SelectMany(r => r.Classes.Values).Any(c => c.ComputeEfficiency is <= 0 or > 1 || c.MemoryEfficiency is <= 0 or > 1) == true => "has a runtimes.*.classes efficiency outside (0, 1]",
            _ when d.CacheBandwidthGBs is <= 0 || d.CacheBytes is <= 0 || (d.CacheBandwidthGBs is null) != (d.CacheBytes is null) => "needs both cache_bandwidth_gbs and cache_bytes, positive, or neither",
            _ => null,
        };
        return problem is null ? d : throw new FlopScopeException($"Malformed device file '{source}': device {index} ('{d.Id}') {problem}.");
    }
}
