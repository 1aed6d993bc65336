using System.Data.Common;
using Floe.Catalog.Metastore;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;

namespace Floe.Server.Store;

/// <summary>The <c>tokens</c> table: create, find by secret hash, list and revoke. Hashing the secret is the caller's job.</summary>
public sealed class TokenStore
{
    private const string Columns = "name, secret_hash, is_admin, catalogs, created_ms, revoked";
    private readonly MetastoreDatabase _database;

    public TokenStore(MetastoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Stores a token; AlreadyExists when the name (or the hash) is taken.</summary>
    public async Task CreateAsync(TokenRecord token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(token.Name);
        ArgumentException.ThrowIfNullOrEmpty(token.SecretHash);
        if (token.Catalogs is { } catalogs && catalogs.Any(c => c.Contains(',', StringComparison.Ordinal) || c.Length == 0))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Token {token.Name}: catalog names must be non-empty and free of ','.");
        }

        try
        {
            await _database.WithConnectionAsync(connection => SqlCommands.ExecuteAsync(connection, null,
                $"INSERT INTO tokens ({Columns}) VALUES (@name, @hash, @admin, @catalogs, @created, @revoked)", cancellationToken,
                ("name", token.Name), ("hash", token.SecretHash), ("admin", token.IsAdmin),
                ("catalogs", token.Catalogs is null ? null : string.Join(',', token.Catalogs)), ("created", token.CreatedMs), ("revoked", token.Revoked)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_database.IsUniqueViolation(e))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Token {token.Name} already exists.", e);
        }
        catch (DbException e)
        {
            throw _database.Failure($"create token {token.Name}", e);
        }
    }

    /// <summary>The token whose secret has this hash (revoked or not), or null.</summary>
    public async Task<TokenRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secretHash);
        var rows = await QueryAsync($"SELECT {Columns} FROM tokens WHERE secret_hash = @hash", cancellationToken, ("hash", secretHash)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Every token, sorted by name.</summary>
    public async Task<IReadOnlyList<TokenRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM tokens", cancellationToken).ConfigureAwait(false);
        rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return rows;
    }

    /// <summary>Marks a token revoked; false when there is no token of that name.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return await _database.WithConnectionAsync(connection => SqlCommands.ExecuteAsync(connection, null,
                "UPDATE tokens SET revoked = @revoked WHERE name = @name", cancellationToken, ("revoked", true), ("name", name)),
                cancellationToken).ConfigureAwait(false) > 0;
        }
        catch (DbException e)
        {
            throw _database.Failure($"revoke token {name}", e);
        }
    }

    private async Task<List<TokenRecord>> QueryAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        try
        {
            return await _database.WithConnectionAsync(connection => SqlCommands.QueryAsync(connection, null, sql, Read, cancellationToken, parameters), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure("read tokens", e);
        }
    }

    private static TokenRecord Read(DbDataReader reader)
    {
        string? catalogs = SqlCommands.NullableString(reader, 3);
        return new TokenRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetBoolean(2),
            catalogs is null ? null : catalogs.Length == 0 ? [] : catalogs.Split(','),
            reader.GetInt64(4),
            reader.GetBoolean(5));
    }
}
