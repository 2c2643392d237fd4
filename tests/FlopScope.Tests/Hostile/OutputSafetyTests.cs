using FlopScope.Onnx.Writing;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Hostile;

/// <summary>Model-supplied names cannot drive a terminal, inject markup into Markdown or a formula into CSV.</summary>
public sealed class OutputSafetyTests : IDisposable
{
    // Retitles an xterm window, then an HTML tag and a table-breaking pipe.
    private const string EvilName = "\u001b]0;pwned\u0007<script>alert(1)</script>|x";

    private readonly TempFolder _folder = new();

    private string EvilModel() => _folder.Write("evil.onnx",
        new MessageWriter().Int(1, 8).Message(8, o => o.Int(2, 17)).Message(7, g =>
        {
            g.String(2, "g");
            g.Message(11, v => v.String(1, "x").Message(2, t => t.Message(1, tt => tt.Int(1, 1).Message(2, s => s.Message(1, d => d.Int(1, 1)).Message(1, d => d.Int(1, 8))))));
            g.Message(1, n => n.String(1, "x").String(2, "y").String(3, EvilName).String(4, "Relu"));
            g.Message(1, n => n.String(1, "y").String(2, "z").String(3, "=HYPERLINK(\"http://evil\")").String(4, "Relu"));
            g.Message(12, v => v.String(1, "z"));
        }).ToArray());

    [Theory]
    [InlineData("console")]
    [InlineData("markdown")]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("html")]
    public void NoControlCharacterReachesAnyFormat(string format)
    {
        var result = CliRunner.Run("profile", EvilModel(), "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.DoesNotContain('\u0007', result.Stdout);
    }

    [Fact]
    public void MarkdownShowsTheNameLiterally()
    {
        var result = CliRunner.Run("profile", EvilModel(), "--format", "markdown");

        Assert.DoesNotContain("<script>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|x", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvDefusesFormulas()
    {
        var result = CliRunner.Run("profile", EvilModel(), "--format", "csv");

        Assert.Contains("'=HYPERLINK", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorLineShowsControlCharactersEscaped()
    {
        var result = CliRunner.Run("profile", EvilModel(), "--input", "x=1x8", "--input", "x=1x9");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => _folder.Dispose();
}
