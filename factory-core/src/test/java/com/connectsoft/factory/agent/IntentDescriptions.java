package com.connectsoft.factory.agent;

import java.util.List;

/**
 * Product descriptions the deterministic skills have never been tuned on: five of varied domains, and one paragraph
 * for each example blueprint (examples/*.blueprint.yaml). Each names the entities a proposal must contain.
 */
final class IntentDescriptions {
    record Description(String key, String text, List<String> entities) {
    }

    static final List<Description> ALL = List.of(
            new Description("library",
                    "A lending app for a neighbourhood library. Members borrow books and return them before the due date. Each book has "
                            + "a title, an author name, an ISBN and a shelf location. Each member has a membership number. Loans can be "
                            + "active, returned or overdue, and librarians record fines for late returns.",
                    List.of("Member", "Book", "Loan", "Fine")),
            new Description("fitness",
                    "We run yoga and pilates studios. Instructors teach classes at studios, and clients book spots in classes. "
                            + "Clients buy memberships with a price and an expiry date. Each studio has many rooms with a capacity.",
                    List.of("Instructor", "Studio", "Client", "Membership", "Room")),
            new Description("maintenance",
                    "A maintenance tracker for apartment buildings. Tenants submit repair requests for their apartments; each request "
                            + "has a description, a priority and photos. Technicians are assigned to requests and log work orders with "
                            + "hours spent and parts used. Each building has many apartments.",
                    List.of("Tenant", "RepairRequest", "Apartment", "Technician", "WorkOrder", "Building")),
            new Description("farm-shop",
                    "An online farm shop: farmers list products with a price and stock quantity, customers place orders for products "
                            + "and pay with a card, and couriers deliver orders to the customer's delivery address. Orders can be pending, "
                            + "packed, shipped or delivered.",
                    List.of("Farmer", "Product", "Customer", "Order", "Courier")),
            new Description("events",
                    "A platform for conference organizers. Organizers create events at venues; speakers submit talks to events, and "
                            + "attendees buy tickets. Each ticket has a price and a seat number. Reviewers rate talks with a score.",
                    List.of("Organizer", "Event", "Venue", "Speaker", "Talk", "Attendee", "Ticket", "Reviewer")),
            new Description("clinic-booking",
                    "A clinic booking service. Patients book appointments with practitioners at clinics and pay for them. Each patient "
                            + "has a date of birth and allergies with a severity. Practitioners have a specialty and a license number, and "
                            + "each clinic has many practitioners. Appointments can be booked, cancelled or completed. Payments have an "
                            + "amount and a method, and patients hold insurance policies with a policy number.",
                    List.of("Patient", "Appointment", "Practitioner", "Clinic", "Payment", "InsurancePolicy", "Allergy")),
            new Description("invoicing",
                    "An invoicing tool for small businesses: customers receive invoices with a due date, each invoice has many line "
                            + "items with a quantity and a unit price, and customers make payments against invoices.",
                    List.of("Customer", "Invoice", "LineItem", "Payment")));

    private IntentDescriptions() {
    }
}
