"""Orders: carts, checkout (one order per seller, priced landed), stock and quota, the order lifecycle."""
