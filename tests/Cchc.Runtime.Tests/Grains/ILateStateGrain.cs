namespace Cchc.Runtime.Tests.Grains;

public interface ILateStateGrain : IGrainWithStringKey
{
    Task TouchAsync();
}
