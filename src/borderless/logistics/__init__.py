"""Logistics: parcels and their carriers, export papers, the EEI rule, tracking events to the door."""
