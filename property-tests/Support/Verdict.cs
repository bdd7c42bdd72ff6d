using FsCheck;
using FsCheck.Fluent;

namespace Wireless.Properties;

/// <summary>
/// Turns a check into an FsCheck property whose failure is labelled with the violation in words (FsCheck prints the
/// label with the shrunk case, without a stack trace). A check reports a violation by throwing
/// <see cref="PropertyFailure"/>; any other exception is a bug of the test and keeps its stack trace.
/// </summary>
public static class Verdict
{
    public static Property Of(Action check)
    {
        try
        {
            check();
            return Prop.ToProperty(true);
        }
        catch (PropertyFailure e)
        {
            return Prop.Label(false, e.Message);
        }
    }
}
