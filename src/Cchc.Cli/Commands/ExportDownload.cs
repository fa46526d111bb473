using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Grpc.Core;
using Spectre.Console;
using Status = Grpc.Core.Status;

namespace Cchc.Cli.Commands;

/// <summary>The <c>--out</c> option of every export, and the download: chunks into a temporary file, moved in place when whole.</summary>
internal static class ExportDownload
{
    public static void Register(Command command, CliContext context, GlobalOptions global, Func<ParseResult, ExportTableRequest> request)
    {
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to save the workbook, e.g. ranking.xlsx.",
            HelpName = "path",
            Required = true,
        };
        command.Add(output);
        command.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var target = result.GetRequiredValue(output);
            var saved = await SaveAsync(connection.Clients.Exports, request(result), target, ct);
            context.Console.MarkupLineInterpolated($"Saved [bold]{saved.FileName}[/] to {target.FullName} ({saved.Bytes} bytes).");
            return ExitCodes.Success;
        });
    }

    /// <summary>Downloads the table into <paramref name="target"/>; a cut stream leaves any earlier file there untouched.</summary>
    public static async Task<(string FileName, long Bytes)> SaveAsync(ExportService.ExportServiceClient exports, ExportTableRequest request, FileInfo target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exports);
        ArgumentNullException.ThrowIfNull(target);
        var directory = target.Directory ?? new DirectoryInfo(Directory.GetCurrentDirectory());
        directory.Create();
        var temporary = Path.Combine(directory.FullName, $".{target.Name}.{Guid.NewGuid():N}.part");
        try
        {
            string fileName;
            long expected;
            long written = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using var call = exports.ExportTable(request, cancellationToken: cancellationToken);
                if (!await call.ResponseStream.MoveNext(cancellationToken))
                {
                    throw new RpcException(new Status(StatusCode.DataLoss, "The server sent no file."));
                }

                (fileName, expected) = (call.ResponseStream.Current.FileName, call.ResponseStream.Current.TotalBytes);
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    var data = call.ResponseStream.Current.Data.Memory;
                    await file.WriteAsync(data, cancellationToken);
                    written += data.Length;
                }
            }

            if (written != expected)
            {
                throw new RpcException(new Status(StatusCode.DataLoss, $"The server announced {expected} bytes but sent {written}; export again."));
            }

            File.Move(temporary, target.FullName, overwrite: true);
            return (fileName, written);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
