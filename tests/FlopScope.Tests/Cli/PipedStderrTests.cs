using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary>Issue 11 item 1: on a piped stderr (a CI log) each message is one line whatever the width, so a long path
/// can be pasted back. Runs the built CLI as its own process, with stderr a pipe and COLUMNS=80.</summary>
public sealed class PipedStderrTests
{
    private static readonly Dictionary<string, string> Narrow = new() { ["COLUMNS"] = "80" };

    /// <summary>A folder path of about 250 characters: three times the console width.</summary>
    private static string LongFolder(TempFolder folder) =>
        folder.File(string.Join('/', Enumerable.Range(1, 5).Select(i => $"a-rather-long-folder-name-number-{i}-of-a-model-zoo")));

    [Fact]
    public void AnErrorWithALongPathIsOneLine()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(LongFolder(folder), "missing-model-with-a-long-name.onnx");

        var result = CliProcess.Run(Narrow, "profile", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.True(missing.Length > 240, missing);
        Assert.Equal([$"error: File not found: '{missing}'."], result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void EachFailedModelOfAFolderIsOneLine()
    {
        using var folder = new TempFolder();
        var root = LongFolder(folder);
        Directory.CreateDirectory(root);
        File.Copy(Fixtures.Model("squeezenet1_1"), Path.Combine(root, "squeezenet1_1.onnx.gz"));
        var broken = Path.Combine(root, "broken-model-with-a-long-name.onnx");
        File.WriteAllBytes(broken, File.ReadAllBytes(Fixtures.Model("googlenet"))[..1000]);

        var result = CliProcess.Run(Narrow, "profile", root, "--format", "csv");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error: {broken}: Not a valid ONNX model", lines[0]);
        Assert.StartsWith("profiled 1 of 2 model(s) in ", lines[1]);
    }
}
