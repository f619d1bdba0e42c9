namespace TestDataAgent.Generators.Locales;

/// <summary>
/// A real place of a locale's country: a city, its region as the country writes it in an address (a US state's
/// abbreviation, a German Land, a Japanese prefecture), a postcode of that city and, where phone numbers are
/// geographic (the Americas), the city's area code. Address fields of one object are drawn from one place.
/// </summary>
public sealed record LocalePlace(string City, string Region, string Postcode, string AreaCode);
