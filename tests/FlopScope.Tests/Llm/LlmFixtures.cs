using FlopScope.Llm;
using FlopScope.Llm.Sources.HuggingFace;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm;

/// <summary>The published config.json files in tests/fixtures/llm/configs.</summary>
internal static class LlmFixtures
{
    public static string Config(string name) => Path.Combine(Fixtures.Root, "llm", "configs", name + ".json");

    public static LlmArchitecture Architecture(string name) => HuggingFaceConfig.Read(Config(name));

    public static ParameterBreakdown Parameters(string name)
    {
        var a = Architecture(name);
        return ParameterBreakdown.From(LlmTensors.Enumerate(a), a.Moe?.Experts ?? 0, a.Moe?.ExpertsPerToken ?? 0);
    }
}
