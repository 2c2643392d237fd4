using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm.Html;

/// <summary><c>llm --format html</c>: the prefill/decode split per device, the same figures as the JSON document, and
/// a page that headless Chromium renders.</summary>
public sealed class LlmHtmlTests
{
    private static readonly string[] Args = ["--device", "rpi5,rtx4090", "--prompt", "512", "--generate", "128", "--quant", "q4_k_m"];

    [Fact]
    public void ThePhaseSectionCarriesTheJsonDocumentsFigures()
    {
        using var folder = new TempFolder();
        var page = folder.File("llm.html");
        var json = folder.File("llm.json");
        Assert.Equal(0, CliRunner.Run(["llm", LlmFixtures.Config("llama-3-8b"), .. Args, "--output", page]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["llm", LlmFixtures.Config("llama-3-8b"), .. Args, "--output", json]).ExitCode);
        var html = File.ReadAllText(page).Replace("\n", " ");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));

        Assert.Contains("<section id=\"phases\"><h2>Prefill and decode</h2>", html);
        Assert.Contains("<table id=\"table-devices\"", html);
        foreach (var device in doc.RootElement.GetProperty("devices").EnumerateArray())
        {
            var id = device.GetProperty("id").GetString()!;
            var block = Regex.Match(html, $"<div class=\"device\" data-device=\"{id}\">(.*?)</table></div></div>").Groups[1].Value;
            Assert.NotEmpty(block);
            foreach (var phase in new[] { "prefill", "decode" })
            {
                var row = Regex.Match(block, $"<tr data-phase=\"{phase}\">(.*?)</tr>").Groups[1].Value;
                var expected = device.GetProperty(phase);
                Assert.Equal(expected.GetProperty("time_ms").GetDouble(), Value(row, "time_ms") , 6);
                Assert.Equal(expected.GetProperty("flops").GetDouble(), Value(row, "flops"));
                Assert.Equal(expected.GetProperty("memory_ms").GetDouble(), Value(row, "memory_ms"), 6);
                Assert.Equal(expected.GetProperty("bound").GetString() + "-bound", Regex.Match(row, "data-key=\"bound\" data-value=\"([^\"]*)\"").Groups[1].Value);
            }

            // Prefill's share of the generation = TTFT / (TTFT + decode time of the 127 steps) = TTFT / total.
            var share = double.Parse(Regex.Match(block, "data-prefill-share=\"([^\"]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal(device.GetProperty("time_to_first_token_ms").GetDouble() / (device.GetProperty("total_seconds").GetDouble() * 1e3), share, 6);
        }
    }

    [SkippableFact]
    public void TheLlmPageRendersInHeadlessChromium()
    {
        var chromium = Chromium.Require();
        using var folder = new TempFolder();
        var page = folder.File("llm.html");
        Assert.Equal(0, CliRunner.Run(["llm", LlmFixtures.Config("llama-3-8b"), .. Args, "--sweep", "context=8k,128k", "--output", page]).ExitCode);

        var dom = Chromium.Run(chromium, new Uri(page).AbsoluteUri, folder.File("profile-dom"), "--dump-dom", "--virtual-time-budget=2000");

        Assert.Equal(2, Regex.Count(dom, "<div class=\"device\" data-device="));
        Assert.Equal(2, Regex.Count(dom, "<tr data-phase=\"decode\">"));
        Assert.Contains("<section id=\"sweep\">", dom);
        Assert.Equal(4, Regex.Count(Regex.Match(dom.Replace("\n", " "), "<table id=\"table-sweep\".*?</table>").Value, "<tr><td"));
    }

    private static double Value(string row, string key) =>
        double.Parse(Regex.Match(row, $"data-key=\"{key}\" data-value=\"([^\"]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
}
