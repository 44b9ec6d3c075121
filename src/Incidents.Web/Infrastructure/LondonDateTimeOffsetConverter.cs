using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Domain.Common;

namespace Incidents.Web.Infrastructure;

/// <summary>Reads ISO 8601 instants. One without an offset ("2026-11-28T09:30") is a wall-clock time in
/// London, as a person in a Liverpool school means it, not the server's zone. Writes UTC.</summary>
internal sealed class LondonDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a date and time as an ISO 8601 string.");
        }

        if (reader.TryGetDateTime(out var dateTime) && dateTime.Kind == DateTimeKind.Unspecified)
        {
            return LondonTime.FromLondonWallClock(dateTime);
        }

        if (reader.TryGetDateTimeOffset(out var instant))
        {
            return instant;
        }

        throw new JsonException("Expected a date and time as an ISO 8601 string, e.g. 2026-11-28T09:30:00Z.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUniversalTime());
    }
}
