using FlopScope.Safety;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Infrastructure;

/// <summary>Makes a command's <c>--limit</c> flags the <see cref="Limits.Current"/> of its run, before it reads any
/// file, so every loader and analyser below it honours them without each command passing them on.</summary>
internal sealed class LimitsInterceptor : ICommandInterceptor
{
    private IDisposable? _scope;

    public void Intercept(CommandContext context, CommandSettings settings)
    {
        var limits = settings is ILimitSettings { Limits.Length: > 0 } s ? Limits.Default.With(s.Limits) : Limits.Default;
        _scope = Limits.Use(limits);
    }

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
    {
        _scope?.Dispose();
        _scope = null;
    }
}
