using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.IntegrationTests.Validation;

/// <summary>
/// A move-out dated 0001-01-01 or 9999-12-31, keys received in year 1, a repair appointment in 9999 were saved.
/// Every date a validated form takes — found by reflection, so a new one is covered the day it is added — is
/// refused far in the past and far in the future, with a message in Chinese (the shared rule names the window).
/// </summary>
public sealed class DateWindowTests(SqlitePortalFactory factory) : IClassFixture<SqlitePortalFactory>
{
    private static readonly Type[] DateTypes = [typeof(DateOnly), typeof(DateOnly?), typeof(DateTime), typeof(DateTime?)];

    public static TheoryData<string, string> DateFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var form in ValidatedForms())
        {
            foreach (var property in form.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.CanWrite && DateTypes.Contains(p.PropertyType) && p.GetCustomAttribute<BindNeverAttribute>() is null))
            {
                data.Add(form.FullName!, property.Name);
            }
        }

        return data;
    }

    [Fact]
    public void The_forms_with_dates_are_found()
    {
        var fields = DateFields().Select(row => $"{row.Data.Item1.Split('.')[^1]}.{row.Data.Item2}").ToList();

        Assert.Contains("MoveOutForm.MoveOutDate", fields);
        Assert.Contains("KeyForm.ReceivedOn", fields);
        Assert.Contains("OccupancyForm.StartDate", fields);
        Assert.Contains("AppointmentForm.AppointmentAt", fields);
    }

    [Theory]
    [MemberData(nameof(DateFields))]
    public async Task A_date_far_out_of_range_is_refused_with_a_message(string formType, string field)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        var type = typeof(DateWindows).Assembly.GetType(formType)!;
        var property = type.GetProperty(field)!;
        await using var scope = factory.Services.CreateAsyncScope();
        var validator = (IValidator)scope.ServiceProvider.GetRequiredService(typeof(IValidator<>).MakeGenericType(type));

        foreach (var day in new[] { DateOnly.MinValue, new DateOnly(9999, 12, 31) })
        {
            var form = Activator.CreateInstance(type)!;
            property.SetValue(form, Value(property.PropertyType, day));

            var result = await validator.ValidateAsync(new ValidationContext<object>(form), TestContext.Current.CancellationToken);

            var messages = result.Errors.Where(e => e.PropertyName == field).Select(e => e.ErrorMessage).ToList();
            Assert.True(messages.Count > 0, $"{type.Name}.{field} = {day:yyyy-MM-dd} was accepted");
            Assert.Contains(messages, m => m.Any(c => c is >= '\u4e00' and <= '\u9fff'));
        }
    }

    private static object Value(Type type, DateOnly day) =>
        (Nullable.GetUnderlyingType(type) ?? type) == typeof(DateOnly) ? day : day.ToDateTime(new TimeOnly(10, 0));

    private static IEnumerable<Type> ValidatedForms() =>
        typeof(DateWindows).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
