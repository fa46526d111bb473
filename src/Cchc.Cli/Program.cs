using Cchc.Cli;

var result = CchcCli.CreateRootCommand(CliContext.Default()).Parse(args);
var code = await result.InvokeAsync();
// System.CommandLine prints the errors and help; the exit code tells scripts nothing was sent.
return result.Errors.Count > 0 ? ExitCodes.BadInput : code;
