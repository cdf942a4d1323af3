"""China customs declarations (CN-C7, CN-C9, CN-C10): the CEB311/411/511/621 messages of each order bound for
China, the customs gateway that takes them, its receipts, and the release or hold that follows."""
