using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Visits;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Visits;

/// <summary>
/// 004 §七: each quarter at least 20 % of the moved-in households, rounded up, drawn at random — never a household
/// already surveyed that year. Checked over many random properties and a whole year of draws.
/// </summary>
public sealed class SurveySamplingTests
{
    private static readonly Actor Supervisor = new("sup-1", "主管陈静");

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(10, 2)]
    [InlineData(11, 3)]
    [InlineData(100, 20)]
    [InlineData(101, 21)]
    public void The_target_is_20_percent_of_the_households_rounded_up(int households, int target) =>
        Assert.Equal(target, SurveySampler.TargetOf(households, 20));

    [Fact]
    public void Over_random_properties_a_years_four_draws_take_at_least_20_percent_each_and_never_a_household_twice()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var households = Enumerable.Range(0, random.Next(1, 400)).Select(_ => Guid.NewGuid()).ToList();
            var share = random.Next(1, 40);
            var surveyed = new HashSet<Guid>();
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var draw = SurveySampler.Draw(households, surveyed, share, random);
                var target = (int)Math.Ceiling(households.Count * share / 100m);
                var left = households.Count - surveyed.Count;

                Assert.Equal(target, draw.Target);
                Assert.Equal(Math.Min(target, left), draw.Drawn.Count);
                Assert.Equal(draw.Drawn.Count, draw.Drawn.Distinct().Count());
                Assert.All(draw.Drawn, h => Assert.Contains(h, households));
                Assert.All(draw.Drawn, h => Assert.DoesNotContain(h, surveyed));
                Assert.Equal(Math.Max(0, target - left), draw.Shortfall);
                surveyed.UnionWith(draw.Drawn);
            }
        }
    }

    [Fact]
    public void A_household_listed_twice_counts_once_and_the_same_seed_draws_the_same_sample()
    {
        var households = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var listed = households.Concat(households.Take(10)).ToList();

        var first = SurveySampler.Draw(listed, new HashSet<Guid>(), 20, new Random(7));
        var again = SurveySampler.Draw(listed.AsEnumerable().Reverse().ToList(), new HashSet<Guid>(), 20, new Random(7));

        Assert.Equal(6, first.Target);
        Assert.Equal(first.Drawn, again.Drawn);
    }

    [Fact]
    public void A_survey_draws_the_quarters_sample_with_each_households_unit_and_refuses_a_future_quarter()
    {
        var clock = China.Clock("2026-05-10 10:00:00");
        var today = new DateOnly(2026, 5, 10);
        var unit = Guid.NewGuid();
        var movedIn = Enumerable.Range(0, 20).Select(i => (Guid.NewGuid(), i == 0 ? (Guid?)unit : Guid.NewGuid())).ToList();

        var survey = Survey.Draw(China.PropertyId, 2026, 2, movedIn, new HashSet<Guid>(), 20, new Random(1), Supervisor, clock.UtcNow(), today);

        Assert.Equal((20, 4, 4), (survey.Households, survey.Target, survey.Samples.Count));
        Assert.False(survey.Short);
        Assert.All(survey.Samples, s => Assert.Equal((2026, SurveySampleStatus.Pending), (s.Year, s.Status)));
        Assert.All(survey.Samples, s => Assert.Equal(movedIn.Single(h => h.Item1 == s.CustomerId).Item2, s.UnitId));
        Assert.Equal("SurveyQuarterInvalid",
            Assert.Throws<DomainException>(() => Survey.Draw(China.PropertyId, 2026, 3, movedIn, new HashSet<Guid>(), 20, new Random(1), Supervisor, clock.UtcNow(), today)).Code);
        Assert.Equal("SurveyQuarterInvalid",
            Assert.Throws<DomainException>(() => Survey.Draw(China.PropertyId, 2025, 4, movedIn, new HashSet<Guid>(), 20, new Random(1), Supervisor, clock.UtcNow(), today)).Code);
    }

    [Fact]
    public void When_fewer_are_left_than_the_share_asks_every_one_left_is_drawn_and_the_survey_says_it_is_short()
    {
        var clock = China.Clock("2026-11-10 10:00:00");
        var movedIn = Enumerable.Range(0, 10).Select(_ => (Guid.NewGuid(), (Guid?)null)).ToList();
        var surveyed = movedIn.Take(9).Select(h => h.Item1).ToHashSet();

        var survey = Survey.Draw(China.PropertyId, 2026, 4, movedIn, surveyed, 20, new Random(3), Supervisor, clock.UtcNow(), new DateOnly(2026, 11, 10));

        Assert.Equal(movedIn[9].Item1, Assert.Single(survey.Samples).CustomerId);
        Assert.Equal(2, survey.Target);
        Assert.True(survey.Short);
    }

    [Theory]
    [InlineData(1, 5, 0)]
    [InlineData(5, 5, 100)]
    [InlineData(3, 5, 50)]
    [InlineData(2, 3, 50)]
    [InlineData(7, 10, 66.7)]
    public void A_score_is_put_on_a_0_to_100_scale(int score, int scaleMax, double points) =>
        Assert.Equal((decimal)points, SurveyScores.Points(score, scaleMax));

    [Fact]
    public void The_mean_of_answers_on_different_scales_is_taken_on_the_common_scale_and_none_gives_no_score()
    {
        Assert.Equal(75m, SurveyScores.Mean([(5, 5), (2, 3)]));
        Assert.Null(SurveyScores.Mean([]));
    }
}
