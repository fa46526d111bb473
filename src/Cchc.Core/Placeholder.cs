namespace Cchc.Core;

internal static class Placeholder;
