using CsCheck;
using FlopScope.Fuzzing;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Hostile;

/// <summary>
/// The bounded fuzz run of CI (tools/fuzz runs the same targets for millions of executions). CsCheck generates choice
/// tapes; the structure-aware generator turns them into models and the byte mutator into corrupted fixtures; the
/// property is that only FlopScopeException (exit 2) ever escapes. A failure prints CsCheck's seed and shrinks the tape;
/// keep the input under tests/fixtures/fuzz/ so <see cref="RegressionInputsStayFixed"/> runs it forever after.
/// </summary>
public sealed class FuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // About 20 s each on a loaded 2-core machine.
    private const int StructureRuns = 3000;
    private const int ByteRuns = 3000;

    [Fact]
    public void GeneratedModelsOnlyFailWithOneLineErrors()
    {
        int profiled = 0, executions = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Gen.Int.Array[0, 400].Sample(choices =>
        {
            Interlocked.Increment(ref executions);
            var tape = new ChoiceTape(choices);
            if (FuzzTarget.Run(ModelGenerator.Build(tape), tape))
            {
                Interlocked.Increment(ref profiled);
            }
        }, iter: StructureRuns, threads: 1);
        output.WriteLine($"structure mode: {executions:N0} executions, {profiled:N0} profiled fully, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(StructureRuns, executions);

        // The generator must reach the handlers, not only the validation: a share of its models profile completely.
        Assert.True(profiled > StructureRuns / 300, $"only {profiled} of {StructureRuns} generated models profiled");
    }

    [Fact]
    public void MutatedFixturesOnlyFailWithOneLineErrors()
    {
        var seeds = FuzzSeeds.Load(Fixtures.Root);
        Assert.True(seeds.Count >= 8, $"{seeds.Count} seeds");
        var executions = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Gen.Int.Array[1, 40].Sample(choices =>
        {
            Interlocked.Increment(ref executions);
            var tape = new ChoiceTape(choices);
            FuzzTarget.Run(ByteMutator.Mutate(tape.Pick(seeds), tape), tape);
        }, iter: ByteRuns, threads: 1);
        output.WriteLine($"bytes mode: {executions:N0} executions over {seeds.Count} seeds, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(ByteRuns, executions);
    }

    public static TheoryData<string> RegressionInputs()
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(Fixtures.Root, "fuzz");
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.bin").Order(StringComparer.Ordinal).ToArray() : [])
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void RegressionInputsStayFixed(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures.Root, "fuzz", file));

        // Profiled or rejected with one line; a FuzzFailureException (any other exception) fails the test.
        _ = FuzzTarget.Run(bytes, new ChoiceTape([]));
    }
}
