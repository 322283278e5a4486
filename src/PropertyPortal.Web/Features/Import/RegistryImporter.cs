using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Import;

public sealed record ImportCounts(int Create, int Update, int Unchanged)
{
    public int Changes => Create + Update;
}

/// <summary>What an import would do (preview) or did (stored as JSON in <see cref="ImportBatch.Summary"/>).</summary>
public sealed record ImportSummary(int Rows, ImportCounts Buildings, ImportCounts Units, ImportCounts Customers, ImportCounts Occupancies)
{
    public int Changes => Buildings.Changes + Units.Changes + Customers.Changes + Occupancies.Changes;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ImportSummary? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<ImportSummary>(json);
}

/// <summary>The sheet checked against the registry: counts, and the problems that block the import.</summary>
public sealed record ImportPlan(ImportSummary Summary, IReadOnlyList<SheetError> Errors)
{
    public bool CanImport => Errors.Count == 0;
}

public enum ConfirmOutcome { Imported, HasErrors, AlreadyHandled, Conflict }

public sealed record ConfirmResult(ConfirmOutcome Outcome, ImportSummary? Summary);

/// <summary>
/// Matches sheet rows with what a property already has and creates or updates buildings, units,
/// customers and occupancies. The property's registry is loaded once into dictionaries, so a sheet of
/// thousands of rows costs a handful of queries; entities are changed only where a value differs, so
/// importing the same sheet twice changes nothing (no audit rows, no version bumps).
/// </summary>
public sealed class RegistryImporter(PortalDbContext db, TimeProvider time)
{
    /// <summary>Checks the sheet against the registry without changing anything.</summary>
    public Task<ImportPlan> PreviewAsync(Guid propertyId, RegistrySheet sheet, CancellationToken ct = default) =>
        ReconcileAsync(propertyId, sheet, apply: false, ct);

    /// <summary>Makes the changes in the context (tracked, not saved): the caller saves, normally inside a transaction.</summary>
    public Task<ImportPlan> ApplyAsync(Guid propertyId, RegistrySheet sheet, CancellationToken ct = default) =>
        ReconcileAsync(propertyId, sheet, apply: true, ct);

    /// <summary>
    /// Re-reads the stored file, checks it again (the registry may have changed since the preview) and
    /// imports it in one transaction: everything or nothing. The batch is claimed first so two clicks,
    /// or two app instances, import it once.
    /// </summary>
    public Task<ConfirmResult> ConfirmAsync(ImportBatch batch, CancellationToken ct = default) =>
        db.InTransactionAsync(token => ConfirmOnceAsync(batch, token), r => r.Outcome == ConfirmOutcome.Imported, ct);

    private async Task<ConfirmResult> ConfirmOnceAsync(ImportBatch batch, CancellationToken ct)
    {
        var claimed = await db.ImportBatches
            .Where(b => b.Id == batch.Id && b.Status == ImportBatchStatus.Previewed)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportBatchStatus.Imported), ct);
        if (claimed == 0)
        {
            return new ConfirmResult(ConfirmOutcome.AlreadyHandled, null);
        }

        var plan = await ApplyAsync(batch.PropertyId, RegistrySheetParser.Parse(batch.Content), ct);
        if (!plan.CanImport)
        {
            db.ChangeTracker.Clear();
            return new ConfirmResult(ConfirmOutcome.HasErrors, plan.Summary);
        }

        if (db.Entry(batch).State == EntityState.Detached)
        {
            // A retried attempt starts from an empty change tracker.
            db.Attach(batch);
        }

        batch.Status = ImportBatchStatus.Imported;
        batch.ImportedAt = time.GetUtcNow().UtcDateTime;
        batch.RowCount = plan.Summary.Rows;
        batch.Summary = plan.Summary.ToJson();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Someone registered the same unit or building between our read and our write.
            db.ChangeTracker.Clear();
            return new ConfirmResult(ConfirmOutcome.Conflict, null);
        }

        return new ConfirmResult(ConfirmOutcome.Imported, plan.Summary);
    }

    private async Task<ImportPlan> ReconcileAsync(Guid propertyId, RegistrySheet sheet, bool apply, CancellationToken ct)
    {
        var errors = new List<SheetError>(sheet.Errors);
        var registry = await Registry.LoadAsync(db, propertyId, apply, ct);
        var run = new Run(propertyId, registry, PortalClock.Today(time), sheet.Rows);
        foreach (var row in sheet.Rows)
        {
            try
            {
                if (run.Row(row) is { } error)
                {
                    errors.Add(error);
                }
            }
            catch (DomainException ex)
            {
                errors.Add(new SheetError(row.Row, "Domain." + ex.Code));
            }
        }

        if (apply && errors.Count == 0)
        {
            db.AddRange(run.Created);
        }

        return new ImportPlan(run.Summary(sheet.DataRowCount), [.. errors.OrderBy(e => e.Row)]);
    }

    /// <summary>A property's registry, loaded once: tracked when the import will change it, read-only for a preview.</summary>
    private sealed class Registry
    {
        public Dictionary<string, Building> Buildings { get; private init; } = [];
        public Dictionary<Guid, Building> BuildingsById { get; private init; } = [];
        public Dictionary<string, Unit> Units { get; private init; } = [];
        public Dictionary<string, Customer> CustomersById { get; private init; } = [];
        public Dictionary<(string Name, string Phone), Customer> CustomersByNamePhone { get; private init; } = [];
        public Dictionary<(Guid Unit, Guid Customer, OccupancyRole Role), Occupancy> Occupancies { get; private init; } = [];

        public static async Task<Registry> LoadAsync(PortalDbContext db, Guid propertyId, bool track, CancellationToken ct)
        {
            IQueryable<T> Query<T>(IQueryable<T> q) where T : class => track ? q : q.AsNoTracking();

            var buildings = await Query(db.Buildings.Where(b => b.PropertyId == propertyId)).ToListAsync(ct);
            var units = await Query(db.Units.Where(u => u.PropertyId == propertyId)).ToListAsync(ct);
            var customers = await Query(db.Customers.Where(c => c.PropertyId == propertyId)).OrderBy(c => c.Id).ToListAsync(ct);
            var occupancies = await Query(db.Occupancies.Where(o => o.PropertyId == propertyId)).OrderBy(o => o.Id).ToListAsync(ct);

            var registry = new Registry
            {
                Buildings = buildings.ToDictionary(b => b.Code, StringComparer.Ordinal),
                BuildingsById = buildings.ToDictionary(b => b.Id),
                Units = units.ToDictionary(u => u.Number, StringComparer.Ordinal),
            };
            foreach (var c in customers)
            {
                if (c.IdNumber is not null)
                {
                    registry.CustomersById.TryAdd(c.IdNumber, c);
                }

                registry.CustomersByNamePhone.TryAdd((c.Name, c.Phone ?? ""), c);
            }

            foreach (var o in occupancies)
            {
                registry.Occupancies.TryAdd((o.UnitId, o.CustomerId, o.Role), o);
            }

            return registry;
        }
    }

    /// <summary>One pass over the rows: finds or creates each record and notes what changed.</summary>
    private sealed class Run(Guid propertyId, Registry registry, DateOnly today, IReadOnlyList<RegistryRow> rows)
    {
        private readonly Tally _buildings = new();
        private readonly Tally _units = new();
        private readonly Tally _customers = new();
        private readonly Tally _occupancies = new();

        // A building's name may be given on any of its rows; rows without it leave the name alone.
        private readonly Dictionary<string, string> _buildingNames = rows
            .Where(r => r.BuildingName is not null)
            .GroupBy(r => r.BuildingCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().BuildingName!, StringComparer.Ordinal);

        public List<Entity> Created { get; } = [];

        public ImportSummary Summary(int rowCount) =>
            new(rowCount, _buildings.Counts(), _units.Counts(), _customers.Counts(), _occupancies.Counts());

        public SheetError? Row(RegistryRow row)
        {
            var building = Building(row);
            if (registry.Units.TryGetValue(row.UnitNumber, out var unit) && unit.BuildingId != building.Id)
            {
                var other = registry.BuildingsById.TryGetValue(unit.BuildingId, out var b) ? b.Name : "";
                return new SheetError(row.Row, "Row.UnitInOtherBuilding", row.UnitNumber, other, building.Name);
            }

            unit = Unit(row, building, unit);
            UnitStatus? status = row.Status;
            if (row.Household is { } household)
            {
                var customer = Customer(household);
                if (customer.Error is { } error)
                {
                    return new SheetError(row.Row, error.Key, error.Args);
                }

                var occupancy = Occupancy(household, unit, customer.Customer!);
                if (status is null && occupancy.EndDate is null)
                {
                    status = UnitStatus.Occupied;
                }
            }

            if (status is { } s && unit.Status != s)
            {
                unit.SetStatus(s);
                _units.Updated(unit);
            }

            return null;
        }

        private Building Building(RegistryRow row)
        {
            _buildingNames.TryGetValue(row.BuildingCode, out var name);
            if (!registry.Buildings.TryGetValue(row.BuildingCode, out var building))
            {
                building = new Building(propertyId, row.BuildingCode, name ?? RegistrySheetParser.DefaultBuildingName(row.BuildingCode));
                registry.Buildings.Add(building.Code, building);
                registry.BuildingsById.Add(building.Id, building);
                Add(_buildings, building);
            }
            else if (name is not null && building.Name != name)
            {
                building.Update(building.Code, name, building.Floors, building.Notes);
                _buildings.Updated(building);
            }

            _buildings.Seen(building);
            return building;
        }

        private Unit Unit(RegistryRow row, Building building, Unit? unit)
        {
            if (unit is null)
            {
                unit = new Unit(propertyId, building.Id, row.UnitNumber, row.Floor, row.Area, row.Type);
                registry.Units.Add(unit.Number, unit);
                Add(_units, unit);
            }
            else if (unit.Floor != row.Floor || unit.Area != row.Area || unit.Type != row.Type)
            {
                unit.SetDetails(row.Floor, row.Area, row.Type, unit.WarrantyUntil, unit.Notes);
                _units.Updated(unit);
            }

            _units.Seen(unit);
            return unit;
        }

        private (Customer? Customer, SheetError? Error) Customer(HouseholdRow h)
        {
            var byNamePhone = (h.Name, h.Phone ?? "");
            Customer? customer = null;
            if (h.IdNumber is { } id)
            {
                if (registry.CustomersById.TryGetValue(id, out customer))
                {
                    if (customer.Name != h.Name)
                    {
                        return (null, new SheetError(0, "Row.IdNumberOtherName", customer.Name));
                    }
                }
                else if (registry.CustomersByNamePhone.TryGetValue(byNamePhone, out var noId) && noId.IdNumber is null)
                {
                    // Registered earlier without an ID: this sheet completes that record rather than duplicating it.
                    customer = noId;
                }
            }
            else
            {
                registry.CustomersByNamePhone.TryGetValue(byNamePhone, out customer);
            }

            if (customer is null)
            {
                customer = new Customer(propertyId, h.Kind ?? CustomerKind.Person, h.Name, h.Phone);
                Add(_customers, customer);
            }

            UpdateCustomer(customer, h);
            if (customer.IdNumber is not null)
            {
                registry.CustomersById.TryAdd(customer.IdNumber, customer);
            }

            registry.CustomersByNamePhone.TryAdd((customer.Name, customer.Phone ?? ""), customer);
            _customers.Seen(customer);
            return (customer, null);
        }

        /// <summary>Fills in what the sheet says; an empty cell never erases what is registered.</summary>
        private void UpdateCustomer(Customer c, HouseholdRow h)
        {
            if (h.Kind is { } kind && c.Kind != kind)
            {
                c.Update(kind, c.Name, c.Phone, c.Phone2, c.Email, c.IdDocumentType, c.IdNumber,
                    c.EmergencyContactName, c.EmergencyContactPhone, c.PreferredChannel, c.Notes);
                _customers.Updated(c);
            }

            var phone = h.Phone ?? c.Phone;
            var phone2 = h.Phone2 ?? c.Phone2;
            if (phone != c.Phone || phone2 != c.Phone2)
            {
                c.SetPhones(phone, phone2);
                _customers.Updated(c);
            }

            if (h.IdNumber is { } id)
            {
                var type = h.IdType ?? c.IdDocumentType ?? RegistrySheetParser.DefaultIdType(c.Kind);
                if (c.IdNumber != id || c.IdDocumentType != type)
                {
                    c.SetIdDocument(type, id);
                    _customers.Updated(c);
                }
            }
        }

        private Occupancy Occupancy(HouseholdRow h, Unit unit, Customer customer)
        {
            var key = (unit.Id, customer.Id, h.Role);
            if (!registry.Occupancies.TryGetValue(key, out var occupancy))
            {
                occupancy = new Occupancy(propertyId, unit.Id, customer.Id, h.Role, h.StartDate ?? today);
                registry.Occupancies.Add(key, occupancy);
                Add(_occupancies, occupancy);
            }
            else if (h.StartDate is { } start && occupancy.StartDate != start)
            {
                occupancy.Change(occupancy.Role, start, occupancy.EndDate);
                _occupancies.Updated(occupancy);
            }

            _occupancies.Seen(occupancy);
            return occupancy;
        }

        private void Add(Tally tally, Entity entity)
        {
            tally.Created(entity);
            Created.Add(entity);
        }
    }

    /// <summary>Counts each record once: created beats updated beats unchanged.</summary>
    private sealed class Tally
    {
        private readonly HashSet<Guid> _seen = [];
        private readonly HashSet<Guid> _created = [];
        private readonly HashSet<Guid> _updated = [];

        public void Seen(Entity e) => _seen.Add(e.Id);

        public void Created(Entity e) => _created.Add(e.Id);

        public void Updated(Entity e)
        {
            if (!_created.Contains(e.Id))
            {
                _updated.Add(e.Id);
            }
        }

        public ImportCounts Counts() => new(_created.Count, _updated.Count, _seen.Count - _created.Count - _updated.Count);
    }
}
