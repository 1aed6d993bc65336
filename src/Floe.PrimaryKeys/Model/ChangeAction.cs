using Floe.Common.Errors;

namespace Floe.PrimaryKeys.Model;

/// <summary>What a change row does to its key, stored as the <c>_change_action</c> code.</summary>
public enum ChangeAction
{
    /// <summary><c>I</c>: the row is inserted.</summary>
    Insert,

    /// <summary><c>D</c>: the key is deleted.</summary>
    Delete,

    /// <summary><c>UB</c>: the row before an update (the key's old version goes away).</summary>
    UpdateBefore,

    /// <summary><c>UA</c>: the row after an update.</summary>
    UpdateAfter,
}

/// <summary>The string codes of <see cref="ChangeAction"/> as the change store holds them.</summary>
public static class ChangeActions
{
    public static string Code(this ChangeAction action) => action switch
    {
        ChangeAction.Insert => "I",
        ChangeAction.Delete => "D",
        ChangeAction.UpdateBefore => "UB",
        ChangeAction.UpdateAfter => "UA",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Whether the action leaves the key present (I and UA) rather than removed (D and UB).</summary>
    public static bool KeepsRow(this ChangeAction action) => action is ChangeAction.Insert or ChangeAction.UpdateAfter;

    /// <summary>Parses a code from its UTF-8 bytes.</summary>
    public static ChangeAction Parse(ReadOnlySpan<byte> code) => code switch
    {
        [(byte)'I'] => ChangeAction.Insert,
        [(byte)'D'] => ChangeAction.Delete,
        [(byte)'U', (byte)'B'] => ChangeAction.UpdateBefore,
        [(byte)'U', (byte)'A'] => ChangeAction.UpdateAfter,
        _ => throw new FloeException(FloeErrorKind.InvalidData, $"Unknown change action '{System.Text.Encoding.UTF8.GetString(code)}': expected I, D, UB or UA."),
    };
}
