namespace Floe.Server.Configuration;

/// <summary>How requests prove who they are.</summary>
public enum AuthMode
{
    /// <summary>Every request is an anonymous admin: for local use only, announced as a warning at start.</summary>
    None,

    /// <summary>Every request carries <c>Authorization: Bearer &lt;token&gt;</c> for a token made with <c>floe token create</c>.</summary>
    Token,
}
