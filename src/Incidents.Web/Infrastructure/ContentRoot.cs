namespace Incidents.Web.Infrastructure;

/// <summary>Where the app finds appsettings.json and wwwroot.</summary>
internal static class ContentRoot
{
    /// <summary>The working folder when it is the app's (as under <c>dotnet run</c>), or when one is given (--contentRoot,
    /// ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT); otherwise the folder the app was installed in, so
    /// <c>dotnet /opt/incidents/Incidents.Web.dll</c> started from <c>/</c> still has its settings and its styles.</summary>
    public static string? Choose(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (given || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")))
        {
            return null; // the framework's own choice: the argument, the variable or the working folder
        }

        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
    }

    /// <summary>Relative data paths in settings (the SQLite file, the email pickup folder) are read against the content
    /// root, not the working folder, so the app started from <c>/</c> keeps its data beside itself.</summary>
    public static void AnchorRelativePaths(ConfigurationManager configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration.GetConnectionString("Incidents");
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(connection))
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
            if (!string.IsNullOrEmpty(sqlite.DataSource) && sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource)
                && !sqlite.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, sqlite.DataSource));
                configuration["ConnectionStrings:Incidents"] = sqlite.ToString();
            }
        }

        if (configuration["Email:PickupDirectory"] is { Length: > 0 } pickup && !Path.IsPathRooted(pickup))
        {
            configuration["Email:PickupDirectory"] = Path.GetFullPath(Path.Combine(contentRoot, pickup));
        }
    }
}
