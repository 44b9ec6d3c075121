using System.Globalization;

namespace Incidents.Domain.Discrepancies;

/// <summary>What is wrong with a value given as a UPN.</summary>
public enum UpnFault
{
    Missing,
    WrongLength,
    Characters,
    WrongCheckLetter,
}

/// <summary>
/// An English Unique Pupil Number (DfE): 13 characters, a check letter, then the LA number (3 digits), the establishment
/// number (4), the year of allocation (2) and a serial (3); a temporary UPN ends in a letter instead of the serial's last
/// digit. The check letter is the sum of each of characters 2 to 13 times its position (2 to 13), modulo 23, as a letter
/// of A–Z without I, O and S (0 → A … 22 → Z); a temporary UPN's final letter counts as its value on the same scale.
/// Lower case is read as upper case. The only identifier of a pupil the product keeps.
/// </summary>
public sealed record Upn
{
    public const int Length = 13;

    /// <summary>The 23 letters of the check (and of a temporary UPN's last character), by value.</summary>
    public const string Letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upn(string value) => Value = value;

    public string Value { get; }

    public string LaNumber => Value[1..4];

    public string EstablishmentNumber => Value[4..8];

    public string Year => Value[8..10];

    public string Serial => Value[10..13];

    public bool IsTemporary => char.IsLetter(Value[12]);

    public override string ToString() => Value;

    /// <summary>The UPN, or the fault with a message that says what is wrong.</summary>
    public static UpnResult Parse(string? input)
    {
        var value = (input ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length == 0)
        {
            return UpnResult.Fail(UpnFault.Missing, "Enter a UPN.");
        }

        if (value.Length != Length)
        {
            return UpnResult.Fail(UpnFault.WrongLength, string.Create(CultureInfo.InvariantCulture,
                $"A UPN has 13 characters; \"{Shorten(value)}\" has {value.Length}."));
        }

        if (!Letters.Contains(value[0], StringComparison.Ordinal))
        {
            return UpnResult.Fail(UpnFault.Characters, $"A UPN starts with its check letter (A to Z, not I, O or S); \"{value}\" starts with \"{value[0]}\".");
        }

        for (var i = 1; i < 12; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return UpnResult.Fail(UpnFault.Characters, string.Create(CultureInfo.InvariantCulture,
                    $"Characters 2 to 12 of a UPN are digits; character {i + 1} of \"{value}\" is \"{value[i]}\"."));
            }
        }

        if (!char.IsAsciiDigit(value[12]) && !Letters.Contains(value[12], StringComparison.Ordinal))
        {
            return UpnResult.Fail(UpnFault.Characters, $"The last character of a UPN is a digit, or a letter (not I, O or S) for a temporary UPN; \"{value}\" ends in \"{value[12]}\".");
        }

        var expected = CheckLetter(value[1..]);
        if (value[0] != expected)
        {
            return UpnResult.Fail(UpnFault.WrongCheckLetter,
                $"The check letter of \"{value}\" is wrong: for these digits it would be {expected}, not {value[0]}. Check the UPN was copied correctly.");
        }

        return new UpnResult(new Upn(value), null, null);
    }

    /// <summary>The check letter for the 12 characters after it (digits, the last perhaps a letter).</summary>
    public static char CheckLetter(string lastTwelve)
    {
        ArgumentNullException.ThrowIfNull(lastTwelve);
        if (lastTwelve.Length != Length - 1)
        {
            throw new ArgumentException("A UPN has 12 characters after its check letter.", nameof(lastTwelve));
        }

        var sum = 0;
        for (var i = 0; i < lastTwelve.Length; i++)
        {
            var c = lastTwelve[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : Letters.IndexOf(c, StringComparison.Ordinal);
            sum += value * (i + 2);
        }

        return Letters[sum % 23];
    }

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}

/// <summary>A parsed UPN, or why it is not one.</summary>
public sealed record UpnResult(Upn? Upn, UpnFault? Fault, string? Error)
{
    public bool IsValid => Upn is not null;

    public static UpnResult Fail(UpnFault fault, string error) => new(null, fault, error);
}
