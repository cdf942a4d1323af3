"""What logistics refuses, as the faces show it (the codes stay those the API has always answered)."""

from borderless.orders.errors import OrderError


class InvalidShipment(OrderError):
    code = "invalid_shipment"
    status = 422
