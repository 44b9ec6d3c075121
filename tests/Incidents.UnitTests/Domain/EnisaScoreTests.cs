using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Domain;

public sealed class EnisaScoreTests
{
    private static EnisaScore Score(
        int context,
        double ease,
        bool children = false,
        double confidentiality = 0,
        double integrity = 0,
        double availability = 0,
        bool malicious = false) =>
        new(context, children, ease, confidentiality, integrity, availability, malicious);

    [Fact]
    public void The_score_is_the_context_times_the_ease_of_identification_plus_the_circumstances()
    {
        var score = Score(context: 2, ease: 0.75, confidentiality: 0.5, integrity: 0.25, availability: 0.25, malicious: true);

        Assert.Equal(2, score.EffectiveContext);
        Assert.Equal(1.5, score.Circumstances);
        Assert.Equal((2 * 0.75) + 1.5, score.Score);
        Assert.Equal(SeverityLevel.High, score.Level);
    }

    [Fact]
    public void Childrens_data_raises_the_context_by_one()
    {
        var score = Score(context: 2, ease: 1, children: true);

        Assert.Equal(3, score.EffectiveContext);
        Assert.Equal(3, score.Score);
    }

    [Fact]
    public void Childrens_data_cannot_raise_the_context_above_four()
    {
        var score = Score(context: 4, ease: 1, children: true);

        Assert.Equal(4, score.EffectiveContext);
        Assert.Equal(4, score.Score);
    }

    [Fact]
    public void Malicious_intent_adds_a_half()
    {
        var withoutMalice = Score(context: 1, ease: 1);
        var withMalice = Score(context: 1, ease: 1, malicious: true);

        Assert.Equal(0.5, withMalice.Score - withoutMalice.Score);
    }

    // 1.99 and 2.99 cannot be reached by valid answers (every score is a multiple of 0.25), so the highest real
    // score below each boundary stands in for them: 1.75, 2.75 and 3.75.
    [Theory]
    [InlineData(1, 1.0, false, 0, 0, 0, false, 1.0, SeverityLevel.Low)]
    [InlineData(1, 0.5, false, 0.5, 0, 0, true, 1.5, SeverityLevel.Low)]
    [InlineData(1, 0.75, false, 0.5, 0.5, 0, false, 1.75, SeverityLevel.Low)]
    [InlineData(2, 1.0, false, 0, 0, 0, false, 2.0, SeverityLevel.Medium)]
    [InlineData(2, 1.0, false, 0.25, 0, 0, true, 2.75, SeverityLevel.Medium)]
    [InlineData(3, 1.0, false, 0, 0, 0, false, 3.0, SeverityLevel.High)]
    [InlineData(3, 1.0, false, 0.25, 0, 0, true, 3.75, SeverityLevel.High)]
    [InlineData(4, 1.0, false, 0, 0, 0, false, 4.0, SeverityLevel.VeryHigh)]
    [InlineData(3, 1.0, true, 0, 0, 0, false, 4.0, SeverityLevel.VeryHigh)]
    [InlineData(4, 1.0, true, 0.5, 0.5, 0.5, true, 6.0, SeverityLevel.VeryHigh)]
    [InlineData(4, 0.25, false, 0, 0, 0, false, 1.0, SeverityLevel.Low)]
    public void The_level_follows_the_enisa_boundaries(
        int context, double ease, bool children, double confidentiality, double integrity, double availability, bool malicious,
        double expectedScore, SeverityLevel expectedLevel)
    {
        var score = Score(context, ease, children, confidentiality, integrity, availability, malicious);

        Assert.Equal(expectedScore, score.Score);
        Assert.Equal(expectedLevel, score.Level);
    }

    [Theory]
    [InlineData(1, 0.25, 0, 0, 0)]
    [InlineData(4, 1.0, 0.5, 0.5, 0.5)]
    [InlineData(2, 0.5, 0.25, 0, 0.25)]
    [InlineData(3, 0.75, 0, 0.25, 0)]
    public void Answers_on_the_enisa_scales_are_valid(int context, double ease, double confidentiality, double integrity, double availability)
    {
        Assert.True(EnisaScore.IsValid(context, ease, confidentiality, integrity, availability));
    }

    [Theory]
    [InlineData(0, 1.0, 0, 0, 0)]
    [InlineData(5, 1.0, 0, 0, 0)]
    [InlineData(2, 0.3, 0, 0, 0)]
    [InlineData(2, 0, 0, 0, 0)]
    [InlineData(2, 1.0, 0.4, 0, 0)]
    [InlineData(2, 1.0, 0, 0.4, 0)]
    [InlineData(2, 1.0, 0, 0, 0.4)]
    [InlineData(2, 1.0, 0.75, 0, 0)]
    public void Answers_off_the_enisa_scales_are_invalid(int context, double ease, double confidentiality, double integrity, double availability)
    {
        Assert.False(EnisaScore.IsValid(context, ease, confidentiality, integrity, availability));
    }
}
