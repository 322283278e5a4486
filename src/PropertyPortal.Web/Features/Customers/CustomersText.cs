namespace PropertyPortal.Web.Features.Customers;

/// <summary>Marker for the household pages' strings (CustomersText.resx), shared by Customers, Occupancies, Members and Keys.</summary>
public sealed class CustomersText;
