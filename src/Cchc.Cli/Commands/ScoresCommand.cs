using System.CommandLine;
using Cchc.Cli.Options;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc scores submit</c>: a commune's scores for one stage.</summary>
internal sealed class ScoresCommand : Command
{
    public ScoresCommand(CliContext context, GlobalOptions global)
        : base("scores", "Enter a commune's scores: self-assessment, appraisal rounds, explanation, survey.")
    {
        Submit = new ScoresSubmitCommand(context, global);
        Add(Submit);
    }

    public ScoresSubmitCommand Submit { get; }
}
