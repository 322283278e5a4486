using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>
/// Runs the FluentValidation validator of every bound action argument and puts its errors into
/// ModelState, so a controller only asks <c>ModelState.IsValid</c>. (FluentValidation.AspNetCore's
/// auto-validation is not available here and is no longer recommended by its authors.)
/// </summary>
public sealed class ValidatorActionFilter(IServiceProvider services) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        IValueProvider? values = null;
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            if (!context.ActionArguments.TryGetValue(parameter.Name, out var argument) || argument is null)
            {
                continue;
            }

            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (services.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            if (result.IsValid)
            {
                continue;
            }

            // A form posted under a prefix (AddDay.Date for `CalendarDayForm addDay`) was bound under it: its
            // messages go under the same keys, or the field's message would never find its field.
            values ??= await CompositeValueProvider.CreateAsync(context, services.GetRequiredService<IOptions<MvcOptions>>().Value.ValueProviderFactories);
            var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            var prefix = values.ContainsPrefix(name) ? name + "." : "";
            foreach (var error in result.Errors)
            {
                context.ModelState.AddModelError(prefix + error.PropertyName, error.ErrorMessage);
            }
        }

        await next();
    }
}

public static class ValidatorRegistration
{
    /// <summary>Registers every AbstractValidator in the web assembly as IValidator&lt;T&gt;.</summary>
    public static IServiceCollection AddPortalValidators(this IServiceCollection services)
    {
        services.AddOptions<DateWindowOptions>().BindConfiguration(DateWindowOptions.Section);
        services.AddScoped<DateWindows>();
        var validators = typeof(ValidatorActionFilter).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .Select(t => (Type: t, Interface: t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))))
            .Where(x => x.Interface is not null);
        foreach (var (type, @interface) in validators)
        {
            services.AddScoped(@interface!, type);
        }

        return services;
    }
}
