"""The screens of the terminal game. The reference views (village, tide, why, reference, help,
county) are built separately and imported lazily by the app."""
