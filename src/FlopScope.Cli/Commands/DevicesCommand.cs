using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Reporting;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope devices</c>: the device catalogue with every figure's unit.</summary>
public sealed class DevicesCommand(Consoles consoles) : Command<DevicesSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DevicesSettings settings, CancellationToken cancellationToken)
    {
        var exporter = Exporters.Resolve(settings.Format, settings.Output, ResultKind.Devices, "devices");
        var devices = settings.Catalog().Devices.ToList();
        exporter.Export(new ResultContext
        {
            Kind = ResultKind.Devices,
            Devices = devices,
            Tables = [ResultTable.Of("Devices (dense peaks; estimates use them with efficiency factors)", "devices", DeviceTables.Devices(), devices)],
            Notes = ["Sources of every figure: flopscope devices --format json (the 'sources' of each device)."],
        }, new ExportTarget(consoles, settings.Output));
        return ExitCodes.Success;
    }
}
