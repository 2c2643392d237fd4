using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using FlopScope.Cli.Commands;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Spectre.Console.Cli;

namespace FlopScope.Tests.Docs;

/// <summary>
/// The documentation against the code: every C# block of README.md and docs/*.md compiles (Roslyn, against the
/// FlopScope assemblies, with the implicit usings of a <c>dotnet new console</c> project and nothing else), the README's
/// profile flag table names every flag of <c>profile</c>, and every repository path the device catalogue cites exists.
/// </summary>
public sealed partial class DocsTests
{
    /// <summary>What a <c>dotnet new console</c> project imports implicitly (ImplicitUsings).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(IsManaged)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToArray());

    public static TheoryData<string> Documents => new(
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal)));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryCSharpBlockCompiles(string document)
    {
        var failures = new List<string>();
        foreach (var (line, code) in CSharpBlocks(File.ReadAllText(Path.Combine(RepositoryRoot(), document))))
        {
            var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), path: $"{document}:{line}");
            var program = tree.GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax);
            var compilation = CSharpCompilation.Create(
                "snippet",
                [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.Latest))],
                References.Value,
                new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var output = new MemoryStream();
            var errors = compilation.Emit(output).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
            {
                failures.Add($"{document}, C# block at line {line}:\n  " + string.Join("\n  ", errors.Take(5).Select(e => $"{e.Id} (block line {e.Location.GetLineSpan().StartLinePosition.Line + 1}): {e.GetMessage()}")));
            }
        }

        Assert.True(failures.Count == 0, "C# snippets that do not compile:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void TheReadmeFlagTableNamesEveryProfileFlag()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme[readme.IndexOf("| flag | meaning", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var flags = typeof(ProfileSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(o => o.LongNames.Take(1))
            .ToArray();

        Assert.Contains("measured", flags);
        Assert.All(flags, flag => Assert.True(table.Contains($"`--{flag}", StringComparison.Ordinal), $"README's flag table lacks --{flag}"));
    }

    [Fact]
    public void EveryPathTheDeviceCatalogCitesIsInTheRepository()
    {
        var root = RepositoryRoot();
        var catalog = File.ReadAllText(Path.Combine(root, "src", "FlopScope.Core", "Hardware", "devices.json"));
        var paths = RepositoryPath().Matches(catalog).Select(m => m.Value).Distinct().ToArray();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(File.Exists(Path.Combine(root, path)), $"devices.json cites '{path}', which is not in the repository"));
        Assert.DoesNotContain("shared/", catalog, StringComparison.Ordinal);
    }

    /// <summary>The fenced C# blocks of a Markdown text with the line each starts on.</summary>
    internal static IEnumerable<(int Line, string Code)> CSharpBlocks(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].Trim();
            if (fence is "```csharp" or "```cs" or "```c#" or "```C#")
            {
                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                yield return (start + 1, string.Join("\n", lines[start..end]));
                i = end;
            }
        }
    }

    private static bool IsManaged(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>The repository root: the folder above the test assembly that holds FlopScope.slnx.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlopScope.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("FlopScope.slnx not found above the test assembly");
    }

    [GeneratedRegex(@"\b(?:docs|src|tests|benchmarks|samples)/[\w./-]+\.(?:md|json|cs|py|sh|txt)\b")]
    private static partial Regex RepositoryPath();
}
