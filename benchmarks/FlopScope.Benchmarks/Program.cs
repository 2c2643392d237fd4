using System.Globalization;
using FlopScope.Benchmarks;
using FlopScope.Onnx.Writing;

// flopscope-benchmarks generate <outdir> [vgg16|vgg16-external|llama7b|decoder|chainN ...] [--sequence N]
// Writes <outdir>/<name>/<name>.onnx (plus a sparse model.onnx.data for external variants) and
// <outdir>/<name>/expected.txt with the hand-computed figures: "parameters macs profile-args".
if (args.Length >= 2 && args[0] == "published")
{
    return Published.Run(args);
}

if (args.Length >= 2 && args[0] == "phases")
{
    return Phases.Run(args);
}

if (args.Length < 2 || args[0] != "generate")
{
    Console.Error.WriteLine("usage: generate <outdir> [vgg16|vgg16-external|llama7b ...] [--sequence N]");
    return 2;
}

var outDir = args[1];
var sequence = 128L;
var names = new List<string>();
for (var i = 2; i < args.Length; i++)
{
    if (args[i] == "--sequence" && i + 1 < args.Length)
    {
        sequence = long.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        names.Add(args[i]);
    }
}

if (names.Count == 0)
{
    names.AddRange(["vgg16", "vgg16-external", "llama7b"]);
}

foreach (var name in names)
{
    var synthetic = name switch
    {
        "vgg16" => Models.Vgg16(external: false),
        "vgg16-external" => Models.Vgg16(external: true),
        "llama7b" => Models.Llama7B(sequence),
        "decoder" => Decoder.Build(),
        _ when name.StartsWith("chain", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var nodes) && nodes > 0
            => Chain.Relus(nodes),
        _ => null,
    };
    if (synthetic is null)
    {
        Console.Error.WriteLine($"unknown model '{name}'; use vgg16, vgg16-external, llama7b, decoder or chainN (N Relus)");
        return 2;
    }

    var dir = Path.Combine(outDir, name);
    Directory.CreateDirectory(dir);
    var path = Path.Combine(dir, name + ".onnx");
    File.WriteAllBytes(path, OnnxWriter.Write(synthetic.Model));
    foreach (var (location, size) in OnnxWriter.ExternalFileSizes(synthetic.Model))
    {
        // Sparse: SetLength allocates no blocks, so a 27 GB weight file costs nothing on disk.
        using var data = new FileStream(Path.Combine(dir, location), FileMode.Create, FileAccess.Write);
        data.SetLength(size);
    }

    if (name == "decoder")
    {
        File.WriteAllText(Path.Combine(dir, "config.json"), Decoder.Config);
    }

    File.WriteAllText(Path.Combine(dir, "expected.txt"),
        string.Create(CultureInfo.InvariantCulture, $"{synthetic.Parameters} {synthetic.Macs} {synthetic.ProfileArgs}\n"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{path}: {new FileInfo(path).Length:N0} bytes, {synthetic.Model.Graph.Nodes.Count} nodes, hand-computed {synthetic.Parameters:N0} parameters, {synthetic.Macs:N0} MACs {synthetic.ProfileArgs}"));
}

return 0;
