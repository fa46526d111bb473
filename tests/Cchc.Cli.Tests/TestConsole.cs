using Spectre.Console;

namespace Cchc.Cli.Tests;

/// <summary>A real Spectre console writing plain text to a string, wide enough that tables do not wrap.</summary>
internal sealed class TestConsole
{
    private readonly StringWriter _writer = new();

    public TestConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 220;
    }

    public IAnsiConsole Console { get; }

    public string Output => _writer.ToString();
}
