/** The share of istioctl's decidable analyzer test cases on which the pack must flag exactly what istioctl flags. */
export const parityGoal = 0.9;
